using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Monitoring.Rates;

public sealed class RatesOnSqliteTests(SqliteApiFactory api) : RatesTests(api), IClassFixture<SqliteApiFactory>;
