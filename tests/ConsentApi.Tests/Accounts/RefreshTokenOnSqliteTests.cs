using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Accounts;

public sealed class RefreshTokenOnSqliteTests(SqliteApiFactory api) : RefreshTokenTests(api), IClassFixture<SqliteApiFactory>;
