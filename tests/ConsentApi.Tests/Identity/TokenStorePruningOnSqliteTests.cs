using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Identity;

public sealed class TokenStorePruningOnSqliteTests(SqliteApiFactory api) : TokenStorePruningTests(api), IClassFixture<SqliteApiFactory>;
