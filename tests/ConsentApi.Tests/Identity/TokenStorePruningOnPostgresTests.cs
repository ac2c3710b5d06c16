using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Identity;

public sealed class TokenStorePruningOnPostgresTests(PostgresApiFactory api) : TokenStorePruningTests(api), IClassFixture<PostgresApiFactory>;
