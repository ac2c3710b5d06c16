using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Export;

public sealed class ExportOnSqliteTests(SqliteApiFactory api) : ExportTests(api), IClassFixture<SqliteApiFactory>;
