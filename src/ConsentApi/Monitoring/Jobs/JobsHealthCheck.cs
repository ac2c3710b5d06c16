using System.Globalization;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// The monitoring jobs as /health reports them: degraded when a job's latest run failed for good, when a queued run is
/// overdue by more than a few polls, or when a running one has stopped beating; otherwise the latest success.
/// </summary>
public sealed class JobsHealthCheck(RegistryDbContext db, TimeProvider time, IOptions<MonitoringOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcTicks;
        var settings = options.Value;
        var latest = await db.JobRuns.AsNoTracking().GroupBy(r => r.Job).Select(g => g.OrderByDescending(r => r.Id).First()).ToListAsync(cancellationToken);
        var problems = new List<string>();
        foreach (var run in latest)
        {
            if (run.Status == "failed" && run.Attempt >= settings.MaxAttempts)
            {
                problems.Add($"{run.Job} for {run.TargetDay} failed after {run.Attempt} attempts: {run.Error}");
            }
            else if (run.Status == "queued" && now - run.NotBeforeTicks > TimeSpan.FromSeconds(settings.PollSeconds * 4 + 60).Ticks)
            {
                problems.Add($"{run.Job} for {run.TargetDay} has waited since {When(run.NotBeforeTicks)} without starting");
            }
            else if (run.Status == "running" && now - (run.HeartbeatTicks ?? run.StartedTicks ?? now) > TimeSpan.FromSeconds(settings.StaleAfterSeconds).Ticks)
            {
                problems.Add($"{run.Job} for {run.TargetDay} has not reported since {When(run.HeartbeatTicks ?? run.StartedTicks ?? now)}");
            }
        }

        var lastSuccess = await db.JobRuns.AsNoTracking().Where(r => r.Status == "succeeded").OrderByDescending(r => r.FinishedTicks)
            .Select(r => new { r.Job, r.TargetDay, r.FinishedTicks }).FirstOrDefaultAsync(cancellationToken);
        var summary = lastSuccess is null ? "no job has run yet" : $"last success: {lastSuccess.Job} for {lastSuccess.TargetDay} at {When(lastSuccess.FinishedTicks ?? 0)}";
        return problems.Count == 0 ? HealthCheckResult.Healthy($"Monitoring jobs: {summary}.") : HealthCheckResult.Degraded($"Monitoring jobs: {string.Join("; ", problems)} ({summary}).");
    }

    private static string When(long ticks) => new DateTimeOffset(ticks, TimeSpan.Zero).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
