using ConsentApi.Tests.Monitoring.Jobs;

namespace ConsentApi.Tests.Population;

public sealed class RegistrationImportOnPostgresTests(NoJobsPostgresApiFactory api) : RegistrationImportTests(api), IClassFixture<NoJobsPostgresApiFactory>;
