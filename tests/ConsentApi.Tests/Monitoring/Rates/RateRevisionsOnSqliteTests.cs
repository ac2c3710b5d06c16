using ConsentApi.Tests.Monitoring.Jobs;

namespace ConsentApi.Tests.Monitoring.Rates;

public sealed class RateRevisionsOnSqliteTests(NoJobsSqliteApiFactory api) : RateRevisionsTests(api), IClassFixture<NoJobsSqliteApiFactory>;
