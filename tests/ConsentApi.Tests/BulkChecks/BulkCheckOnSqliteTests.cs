using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.BulkChecks;

public sealed class BulkCheckOnSqliteTests(SqliteApiFactory api) : BulkCheckTests(api), IClassFixture<SqliteApiFactory>;
