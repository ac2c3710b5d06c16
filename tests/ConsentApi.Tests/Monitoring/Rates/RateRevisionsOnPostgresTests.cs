using ConsentApi.Tests.Monitoring.Jobs;

namespace ConsentApi.Tests.Monitoring.Rates;

public sealed class RateRevisionsOnPostgresTests(NoJobsPostgresApiFactory api) : RateRevisionsTests(api), IClassFixture<NoJobsPostgresApiFactory>;
