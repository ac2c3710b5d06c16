using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Identity;

public sealed class TokenEndpointOnPostgresTests(PostgresApiFactory api) : TokenEndpointTests(api), IClassFixture<PostgresApiFactory>;
