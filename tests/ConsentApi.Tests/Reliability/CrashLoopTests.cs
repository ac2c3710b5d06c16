using ConsentApi.Tests.Support;
using CrashHarness;

namespace ConsentApi.Tests.Reliability;

/// <summary>
/// A short crash loop in the test command (the long runs are `tools/CrashHarness` with more rounds; docs/reliability.md):
/// the registry as its own process, killed with SIGKILL mid-write three times, must keep every acknowledged write
/// whole, rebuild a decision index that agrees with the database, and keep its audit chain intact.
/// </summary>
[Collection(RegistryProcesses.Name)]
public sealed class CrashLoopTests
{
    [Fact]
    public async Task CrashLoop_WhenKilledDuringWritesOnSqlite_ThenEveryAcknowledgedWriteSurvivesWhole()
    {
        var report = await CrashRun.RunAsync(new CrashOptions { Provider = "Sqlite", Rounds = 3, Writers = 4, Patients = 40 }, TextWriter.Null, default);

        Assert.True(report.Passed, report.ToString());
        Assert.True(report.WritesAcknowledged > 0, report.ToString());
    }

    [Fact]
    public async Task CrashLoop_WhenKilledDuringWritesOnPostgres_ThenEveryAcknowledgedWriteSurvivesWhole()
    {
        var server = TestPostgres.CreateDatabase();
        try
        {
            var report = await CrashRun.RunAsync(new CrashOptions { Provider = "Postgres", Postgres = server, Rounds = 3, Writers = 4, Patients = 40 },
                TextWriter.Null, default);

            Assert.True(report.Passed, report.ToString());
            Assert.True(report.WritesAcknowledged > 0, report.ToString());
        }
        finally
        {
            TestPostgres.DropDatabase(server);
        }
    }
}
