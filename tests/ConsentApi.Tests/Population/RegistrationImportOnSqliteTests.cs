using ConsentApi.Tests.Monitoring.Jobs;

namespace ConsentApi.Tests.Population;

public sealed class RegistrationImportOnSqliteTests(NoJobsSqliteApiFactory api) : RegistrationImportTests(api), IClassFixture<NoJobsSqliteApiFactory>;
