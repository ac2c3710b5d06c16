namespace ConsentApi.Tests.Monitoring.Jobs;

public sealed class JobRunsOnPostgresTests(NoJobsPostgresApiFactory api) : JobRunsTests(api), IClassFixture<NoJobsPostgresApiFactory>
{
    protected override Task InstallFaultAsync() => ExecuteAsync("""
        CREATE FUNCTION test_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated disk fault'; END $$;
        CREATE TRIGGER test_fault BEFORE INSERT ON rate_days FOR EACH ROW EXECUTE FUNCTION test_fault();
        """);

    protected override Task RemoveFaultAsync() => ExecuteAsync("DROP TRIGGER test_fault ON rate_days; DROP FUNCTION test_fault();");
}
