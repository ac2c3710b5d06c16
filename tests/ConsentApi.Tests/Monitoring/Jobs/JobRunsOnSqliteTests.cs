namespace ConsentApi.Tests.Monitoring.Jobs;

public sealed class JobRunsOnSqliteTests(NoJobsSqliteApiFactory api) : JobRunsTests(api), IClassFixture<NoJobsSqliteApiFactory>
{
    protected override Task InstallFaultAsync() =>
        ExecuteAsync("CREATE TRIGGER test_fault BEFORE INSERT ON rate_days BEGIN SELECT RAISE(ABORT, 'simulated disk fault'); END;");

    protected override Task RemoveFaultAsync() => ExecuteAsync("DROP TRIGGER test_fault;");
}
