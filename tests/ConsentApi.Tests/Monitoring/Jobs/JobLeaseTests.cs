using ConsentApi.Monitoring;
using ConsentApi.Monitoring.Jobs;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsentApi.Tests.Monitoring.Jobs;

/// <summary>
/// The job-run table as a lease (decision 9), on the real database: a scheduled run is queued once however many
/// instances fire, a queued run is claimed by one, a silent run is taken over, and a failing run is retried and its
/// error kept. The scheduler is off here; the test is every instance.
/// </summary>
public abstract class JobLeaseTests(ApiFactory api)
{
    private static int _day;

    /// <summary>A day no other test in the class uses (so runs never collide across tests).</summary>
    private static DateOnly FreshDay() => new DateOnly(2020, 1, 1).AddDays(Interlocked.Increment(ref _day));

    [Fact]
    public async Task Enqueue_WhenEveryInstanceQueuesTheScheduledRun_ThenExactlyOneIsQueued()
    {
        var day = FreshDay();

        var queued = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var scope = api.Services.CreateAsyncScope();
            // Not due for an hour, so the other tests' claims never pick it up.
            return await scope.ServiceProvider.GetRequiredService<JobRuns>().EnqueueAsync(JobNames.Detection, day, "schedule", "schedule", TimeSpan.FromHours(1), default);
        }));

        Assert.Single(queued, r => r is not null);
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM job_runs WHERE target_day = '{MonitoringQueries.Text(day)}'"));
    }

    [Fact]
    public async Task ClaimNext_WhenSixInstancesClaimAtOnce_ThenOneGetsTheRun()
    {
        var day = FreshDay();
        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<JobRuns>().EnqueueAsync(JobNames.Detection, day, "manual", "test", TimeSpan.Zero, default);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            await using var scope = api.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<JobRuns>().ClaimNextAsync($"node-{i}", default);
        }));

        var claimed = Assert.Single(claims, c => c is not null);
        Assert.Equal("running", claimed!.Status);
        await FinishAsync(claimed);
    }

    [Fact]
    public async Task RecoverStale_WhenARunsInstanceFallsSilent_ThenItIsAbandonedAndTheNextAttemptQueued()
    {
        var day = FreshDay();
        await using var scope = api.Services.CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<JobRuns>();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var run = await runs.EnqueueAsync(JobNames.Detection, day, "manual", "test", TimeSpan.Zero, default);
        var claimed = await runs.ClaimNextAsync("node-that-dies", default);
        var stale = DateTime.UtcNow.AddMinutes(-10).Ticks;
        await db.JobRuns.Where(r => r.Id == claimed!.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatTicks, stale));

        var recovered = await runs.RecoverStaleAsync(default);

        Assert.Equal(run!.Id, claimed!.Id);
        Assert.Equal(1, recovered);
        var all = await db.JobRuns.AsNoTracking().Where(r => r.TargetDay == MonitoringQueries.Text(day)).OrderBy(r => r.Attempt).ToListAsync();
        Assert.Equal(["abandoned", "queued"], all.Select(r => r.Status));
        Assert.Contains("No heartbeat from node-that-dies", all[0].Error, StringComparison.Ordinal);
        Assert.Equal("retry", all[1].TriggerKind);
    }

    [Fact]
    public async Task RunDue_WhenTheJobKeepsFailing_ThenEveryAttemptRecordsTheErrorUntilTheLimit_AndALaterRunSucceeds()
    {
        var day = FreshDay();
        await InstallFaultAsync();
        await using var scope = api.Services.CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<JobRuns>();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var runner = api.Services.GetRequiredService<MonitoringJobRunner>();
        var limit = api.Services.GetRequiredService<IOptions<MonitoringOptions>>().Value.MaxAttempts;

        await runs.EnqueueAsync(JobNames.Rates, day, "manual", "test", TimeSpan.Zero, default);
        await runner.RunDueAsync(default);
        var failed = await db.JobRuns.AsNoTracking().Where(r => r.TargetDay == MonitoringQueries.Text(day)).OrderBy(r => r.Attempt).ToListAsync();
        await RemoveFaultAsync();
        await runs.EnqueueAsync(JobNames.Rates, day, "manual", "test", TimeSpan.Zero, default);
        await runner.RunDueAsync(default);
        var after = await db.JobRuns.AsNoTracking().Where(r => r.TargetDay == MonitoringQueries.Text(day)).OrderBy(r => r.Id).ToListAsync();

        Assert.Equal(limit, failed.Count);
        Assert.All(failed, r => Assert.Equal("failed", r.Status));
        Assert.All(failed, r => Assert.Contains("simulated disk fault", r.Error, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, limit), failed.Select(r => r.Attempt));
        Assert.Equal(["manual", .. Enumerable.Repeat("retry", limit - 1)], failed.Select(r => r.TriggerKind));
        Assert.Contains(after, r => r.Job == JobNames.Rates && r.Attempt == limit + 1 && r.Status == "succeeded" && r.FinishedTicks >= r.StartedTicks);
        Assert.Contains(after, r => r.Job == JobNames.Detection && r.TriggerKind == "after-rates" && r.Status == "succeeded");
    }

    private async Task FinishAsync(JobRun run)
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<JobRuns>().SucceedAsync(run, 0, "test", followUp: null, default);
    }

    protected abstract Task InstallFaultAsync();

    protected abstract Task RemoveFaultAsync();

    protected async Task ExecuteAsync(string sql)
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.ExecuteSqlRawAsync(sql);
    }
}
