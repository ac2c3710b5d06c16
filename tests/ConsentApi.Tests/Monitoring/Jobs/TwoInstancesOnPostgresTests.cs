using ConsentApi.Tests.Support;
using CrashHarness;
using System.Globalization;
using System.Net.Http.Json;
using Npgsql;

namespace ConsentApi.Tests.Monitoring.Jobs;

/// <summary>
/// Two registry processes on one PostgreSQL database, both running Hangfire (decision 15): every occurrence of the
/// recurring rates job becomes one background job and runs once, on one of them; and a run whose instance is killed
/// with SIGKILL mid-way is run again by the other, the killed attempt recorded as abandoned.
/// </summary>
[Collection(RegistryProcesses.Name)]
public sealed class TwoInstancesOnPostgresTests : IDisposable
{
    private readonly string _database = TestPostgres.CreateDatabase();
    private readonly string _folder = Directory.CreateTempSubdirectory("consent-registry-two-").FullName;
    private readonly List<RegistryProcess> _instances = [];

    [Fact]
    public async Task RecurringRates_WhenTwoInstancesScheduleIt_ThenEachOccurrenceRunsExactlyOnce()
    {
        var a = Instance("node-a", everyTwoSeconds: true);
        var b = Instance("node-b", everyTwoSeconds: true);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());

        await Eventually.TrueAsync(async () => await ScalarAsync(
            "SELECT count(*) FROM job_runs WHERE trigger_kind = 'schedule' AND status = 'succeeded'") >= 6, "six scheduled runs", seconds: 60);
        a.Kill();
        b.Kill();

        var occurrences = await ListAsync("""
            SELECT j.id::text, extract(epoch FROM j.createdat)::text FROM hangfire.job j
            JOIN hangfire.jobparameter p ON p.jobid = j.id AND p.name = 'RecurringJobId' AND p.value = '"rates-daily"' ORDER BY j.createdat
            """);
        var runsPerJob = await ListAsync("""
            SELECT background_job_id, count(*)::text FROM job_runs WHERE trigger_kind IN ('schedule', 'retry') AND job = 'rates'
            GROUP BY background_job_id
            """);
        var finished = (await ListAsync("SELECT background_job_id, status FROM job_runs WHERE trigger_kind = 'schedule'"))
            .Where(r => r.Second == "succeeded").Select(r => r.First).ToHashSet();
        var created = occurrences.Select(o => double.Parse(o.Second, CultureInfo.InvariantCulture)).ToList();
        // One background job per two-second occurrence: a scheduler on each instance creating its own would double this.
        // A job is created up to a polling interval or two after its occurrence on a loaded machine, so the span between
        // the first and last creation can be about two seconds short of the occurrences it covers: allow for that.
        var mostOccurrences = (int)((created[^1] - created[0]) / 2) + 3;

        Assert.True(occurrences.Count >= 6, $"{occurrences.Count} occurrences");
        Assert.True(occurrences.Count <= mostOccurrences, $"{occurrences.Count} background jobs over {created[^1] - created[0]:0.0} s of a two-second schedule, created at {string.Join(", ", created.Select(c => (c % 60).ToString("0.000", CultureInfo.InvariantCulture)))}");
        Assert.All(runsPerJob, r => Assert.Equal("1", r.Second));
        Assert.All(finished, id => Assert.Contains(occurrences, o => o.First == id));
        Assert.True(finished.Count >= 6, $"{finished.Count} finished runs");
    }

    [Fact]
    public async Task Run_WhenItsInstanceIsKilledMidWay_ThenTheOtherInstanceRunsItAgain()
    {
        var a = Instance("node-a", everyTwoSeconds: false);
        var b = Instance("node-b", everyTwoSeconds: false);
        using var harness = new HarnessClient();
        await CrashRun.RegisterAsync(a, harness, _folder, default); // before start: an instance loads its clients as it starts
        await a.StartAsync();
        using var staff = await harness.ConnectAsync(a.Address);
        string backgroundJob;
        await using (var holder = new NpgsqlConnection(_database))
        {
            // A writer elsewhere holds the table the rates run writes: the run starts, then waits on it.
            await holder.OpenAsync();
            await using var blocking = await holder.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE rate_days IN ACCESS EXCLUSIVE MODE", holder, blocking))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            // Staff's "run now" for a past day, through the API.
            using var queued = await staff.PostAsJsonAsync("monitoring/jobs/rates/runs", new { day = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
            queued.EnsureSuccessStatusCode();
            await Eventually.TrueAsync(async () => await ScalarAsync($"SELECT count(*) FROM job_runs WHERE status = 'running' AND node = 'node-a'") == 1,
                "node-a running the run", seconds: 60);
            backgroundJob = (await ListAsync("SELECT background_job_id, status FROM job_runs WHERE node = 'node-a'")).Single().First;
            a.Kill();
            await blocking.RollbackAsync();
        }

        await b.StartAsync();
        await Eventually.TrueAsync(async () => await ScalarAsync($"SELECT count(*) FROM job_runs WHERE status = 'succeeded' AND node = 'node-b' AND job = 'rates'") == 1,
            "node-b finishing the run", seconds: 90);
        var attempts = await ListAsync("SELECT status, coalesce(node, '') || ' ' || trigger_kind || ' ' || coalesce(background_job_id, '') FROM job_runs WHERE job = 'rates' ORDER BY attempt");

        Assert.Equal(["abandoned", "succeeded"], attempts.Select(r => r.First));
        Assert.StartsWith("node-a manual ", attempts[0].Second, StringComparison.Ordinal); // the API's queued run, started on node-a
        Assert.StartsWith("node-b retry ", attempts[1].Second, StringComparison.Ordinal);
        Assert.All(attempts, r => Assert.EndsWith(" " + backgroundJob, r.Second, StringComparison.Ordinal));
        // Nothing half-written by the killed attempt: the day has one revision, the one node-b's attempt stored.
        var (finishedRun, day) = (await ListAsync("SELECT id::text, target_day FROM job_runs WHERE job = 'rates' AND status = 'succeeded'")).Single();
        Assert.Equal([("1", finishedRun)], await ListAsync($"SELECT revision::text, run_id::text FROM rate_days WHERE day = '{day}'"));
    }

    private RegistryProcess Instance(string node, bool everyTwoSeconds)
    {
        var instance = new RegistryProcess(CrashRun.FindApp(), "Postgres", Path.Combine(_folder, node), _database)
            .With("Auth__KeyRingDirectory", Path.Combine(_folder, "key-ring")) // one key ring for the deployment, as in production
            .With("Monitoring__JobsEnabled", "true")
            .With("Monitoring__NodeName", node)
            .With("Monitoring__PollSeconds", "1")
            .With("Monitoring__StaleAfterSeconds", "5")
            .With("Monitoring__RetryBaseSeconds", "0")
            .With("Monitoring__RatesCron", everyTwoSeconds ? "*/2 * * * * *" : "0 0 1 1 *");
        _instances.Add(instance);
        return instance;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task<List<(string First, string Second)>> ListAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    public void Dispose()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }

        TestPostgres.DropDatabase(_database);
        Directory.Delete(_folder, recursive: true);
    }
}
