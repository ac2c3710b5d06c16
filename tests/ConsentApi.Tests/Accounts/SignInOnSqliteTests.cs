using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Accounts;

public sealed class SignInOnSqliteTests(SqliteApiFactory api) : SignInTests(api), IClassFixture<SqliteApiFactory>;
