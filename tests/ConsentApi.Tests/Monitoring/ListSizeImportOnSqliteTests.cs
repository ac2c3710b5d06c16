using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Monitoring;

public sealed class ListSizeImportOnSqliteTests(SqliteApiFactory api) : ListSizeImportTests(api), IClassFixture<SqliteApiFactory>;
