using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Consents;

public sealed class ConsentConcurrencyOnSqliteTests(SqliteApiFactory api) : ConsentConcurrencyTests(api), IClassFixture<SqliteApiFactory>;
