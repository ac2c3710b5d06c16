using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Consents;

public sealed class ConsentSearchOnSqliteTests(SqliteApiFactory api) : ConsentSearchTests(api), IClassFixture<SqliteApiFactory>;
