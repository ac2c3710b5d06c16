using ConsentApi.Monitoring;
using ConsentApi.Monitoring.Jobs;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Monitoring.Jobs;

/// <summary>
/// The registry's run list on the real database (decision 15): attempts are numbered once per job and day however
/// many requests race; a queued run is the row its worker starts; a background job run again after its instance
/// stopped leaves the old attempt abandoned; a failing run keeps its cause and a later run still succeeds. Hangfire's
/// server is off here, so the test drives every step.
/// </summary>
public abstract class JobRunsTests(ApiFactory api)
{
    private static int _day;

    /// <summary>A day no other test in the class uses (so runs never collide across tests).</summary>
    private static DateOnly FreshDay() => new DateOnly(2020, 1, 1).AddDays(Interlocked.Increment(ref _day));

    [Fact]
    public async Task Queue_WhenSixRunsOfOneDayAreQueuedAtOnce_ThenEachHasItsOwnAttempt()
    {
        var day = FreshDay();

        var queued = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            await using var scope = api.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<JobRuns>().QueueAsync(JobNames.Detection, day, "manual", $"person {i}", default);
        }));

        Assert.Equal(Enumerable.Range(1, 6), queued.Select(r => r.Attempt).Order());
        Assert.All(queued, r => Assert.Equal(JobRuns.Queued, r.Status));
    }

    [Fact]
    public async Task Start_WhenAWorkerTakesUpAQueuedRun_ThenThatRowRunsUnderItsBackgroundJob()
    {
        var day = FreshDay();
        await using var scope = api.Services.CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<JobRuns>();
        var queued = await runs.QueueAsync(JobNames.Detection, day, "manual", "test", default);

        var started = await runs.StartAsync(queued.Id, JobNames.Detection, day, "manual", "test", "bg-1", "node-a", default);

        Assert.Equal(queued.Id, started.Id);
        Assert.Equal((JobRuns.Running, "node-a", "bg-1", 1), (started.Status, started.Node, started.BackgroundJobId, started.Attempt));
        Assert.NotNull(started.StartedTicks);
    }

    [Fact]
    public async Task Start_WhenABackgroundJobRunsAgainAfterItsInstanceStopped_ThenTheOldAttemptIsAbandonedAndTheNextRuns()
    {
        var day = FreshDay();
        await using var scope = api.Services.CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<JobRuns>();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var queued = await runs.QueueAsync(JobNames.Detection, day, "manual", "test", default);
        await runs.StartAsync(queued.Id, JobNames.Detection, day, "manual", "test", "bg-2", "node-that-dies", default);

        var again = await runs.StartAsync(queued.Id, JobNames.Detection, day, "manual", "test", "bg-2", "node-b", default);

        var all = await db.JobRuns.AsNoTracking().Where(r => r.TargetDay == MonitoringQueries.Text(day)).OrderBy(r => r.Attempt).ToListAsync();
        Assert.Equal([JobRuns.Abandoned, JobRuns.Running], all.Select(r => r.Status));
        Assert.Contains("stopped before it finished", all[0].Error, StringComparison.Ordinal);
        Assert.Equal((2, "retry", "node-b", "bg-2"), (again.Attempt, again.TriggerKind, again.Node, again.BackgroundJobId));
    }

    [Fact]
    public async Task RunAsync_WhenTheRatesRunFails_ThenItsCauseIsKept_AndALaterRunSucceedsWithDetectionAfterIt()
    {
        var day = FreshDay();
        var text = MonitoringQueries.Text(day);
        await InstallFaultAsync();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(JobNames.Rates, text));
        await RemoveFaultAsync();
        await RunAsync(JobNames.Rates, text);
        await RunAsync(JobNames.Detection, text);

        await using var scope = api.Services.CreateAsyncScope();
        var all = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().JobRuns.AsNoTracking().Where(r => r.TargetDay == text)
            .OrderBy(r => r.Id).ToListAsync();
        Assert.Contains("simulated disk fault", failure.GetBaseException().Message, StringComparison.Ordinal);
        Assert.Equal([(JobNames.Rates, JobRuns.Failed), (JobNames.Rates, JobRuns.Succeeded), (JobNames.Detection, JobRuns.Succeeded)],
            all.Select(r => (r.Job, r.Status)));
        Assert.Contains("simulated disk fault", all[0].Error, StringComparison.Ordinal);
        Assert.StartsWith($"{text}: revision 1 stored", all[1].Outcome, StringComparison.Ordinal);
        Assert.True(all[1].FinishedTicks >= all[1].StartedTicks);
    }

    private async Task RunAsync(string job, string day)
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MonitoringJobs>().RunAsync(job, day, "manual", "test", null, null, default);
    }

    protected abstract Task InstallFaultAsync();

    protected abstract Task RemoveFaultAsync();

    protected async Task ExecuteAsync(string sql)
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.ExecuteSqlRawAsync(sql);
    }
}
