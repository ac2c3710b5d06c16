using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Consents;

public sealed class ConsentCrudOnSqliteTests(SqliteApiFactory api) : ConsentCrudTests(api), IClassFixture<SqliteApiFactory>;
