using System.Text.Json;
using ConsentApi.Monitoring;
using ConsentApi.Monitoring.Jobs;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Monitoring.Jobs;

/// <summary>
/// Hangfire retries a failing run to the limit (here three attempts), every attempt keeping its cause; the run then
/// stays in Hangfire's Failed list and /health says so; once the cause is gone, retrying it (what the dashboard's
/// Retry does) succeeds, detection follows, and the rates stored before the failure are untouched.
/// </summary>
public sealed class JobRetryTests(ThreeAttemptsSqliteApiFactory api) : IClassFixture<ThreeAttemptsSqliteApiFactory>
{
    [Fact]
    public async Task Retry_WhenARunKeepsFailing_ThenEachAttemptKeepsItsCause_HealthSaysSo_AndARetryAfterTheFixSucceeds()
    {
        var earlier = MonitoringQueries.Text(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-9));
        var day = MonitoringQueries.Text(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-8));
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var storage = api.Services.GetRequiredService<JobStorage>();
        await queue.EnqueueAsync(JobNames.Rates, DateOnly.Parse(earlier, System.Globalization.CultureInfo.InvariantCulture), "manual", "test", default);
        await Eventually.TrueAsync(async () => await db.JobRuns.AsNoTracking().CountAsync(r => r.TargetDay == earlier && r.Status == JobRuns.Succeeded) == 2,
            "the earlier day's rates and detection runs succeed");
        var storedBefore = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM rate_days").SingleAsync();

        await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER test_fault BEFORE INSERT ON rate_days BEGIN SELECT RAISE(ABORT, 'simulated disk fault'); END;");
        var run = await queue.EnqueueAsync(JobNames.Rates, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), "manual", "test", default);
        await Eventually.TrueAsync(() => storage.GetMonitoringApi().FailedCount() == 1, "Hangfire gives up on the run", seconds: 60);
        var failed = await db.JobRuns.AsNoTracking().Where(r => r.TargetDay == day).OrderBy(r => r.Attempt).ToListAsync();
        var health = await HealthAsync();
        var storedAfterFailures = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM rate_days").SingleAsync();

        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER test_fault;");
        var backgroundJob = failed[0].BackgroundJobId!;
        Assert.True(api.Services.GetRequiredService<IBackgroundJobClient>().Requeue(backgroundJob));
        await Eventually.TrueAsync(async () => await db.JobRuns.AsNoTracking().AnyAsync(r => r.TargetDay == day && r.Job == JobNames.Detection
            && r.Status == JobRuns.Succeeded), "the retried run succeeds and detection follows it");
        var after = await db.JobRuns.AsNoTracking().Where(r => r.TargetDay == day && r.Job == JobNames.Rates).OrderBy(r => r.Attempt).ToListAsync();

        Assert.Equal([1, 2, 3], failed.Select(r => r.Attempt));
        Assert.Equal(run.Id, failed[0].Id);
        Assert.Equal(["manual", "retry", "retry"], failed.Select(r => r.TriggerKind));
        Assert.All(failed, r => Assert.Equal((JobRuns.Failed, backgroundJob), (r.Status, r.BackgroundJobId)));
        Assert.All(failed, r => Assert.Contains("simulated disk fault", r.Error, StringComparison.Ordinal));
        Assert.StartsWith("Hangfire retries it in 0 s (attempt 2 of 3)", failed[0].Outcome, StringComparison.Ordinal);
        Assert.StartsWith("Gave up after 3 attempts", failed[2].Outcome, StringComparison.Ordinal);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Contains("1 background job(s) failed after their retries", health.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("simulated disk fault", health.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(storedBefore, storedAfterFailures);
        Assert.Equal((4, JobRuns.Succeeded, "retry"), (after[^1].Attempt, after[^1].Status, after[^1].TriggerKind));
        Assert.Equal(0, storage.GetMonitoringApi().FailedCount());
    }

    private async Task<JsonElement> HealthAsync()
    {
        using var response = await api.CreateAnonymousClient().GetAsync("/health");
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return report.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "jobs").Clone();
    }
}
