using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Identity;

public sealed class TokenEndpointOnSqliteTests(SqliteApiFactory api) : TokenEndpointTests(api), IClassFixture<SqliteApiFactory>;
