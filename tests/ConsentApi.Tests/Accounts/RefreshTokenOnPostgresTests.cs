using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Accounts;

public sealed class RefreshTokenOnPostgresTests(PostgresApiFactory api) : RefreshTokenTests(api), IClassFixture<PostgresApiFactory>;
