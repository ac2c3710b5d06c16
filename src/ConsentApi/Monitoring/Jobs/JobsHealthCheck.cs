using System.Globalization;
using ConsentApi.Persistence;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// The background jobs as /health reports them, from Hangfire's own state: degraded when a recurring job is overdue or
/// its last run failed, when jobs sit in Hangfire's Failed list (retries used up), or when a queued run has waited
/// well past the polling interval; otherwise the latest success from the registry's run list.
/// </summary>
public sealed class JobsHealthCheck(JobStorage storage, RegistryDbContext db, TimeProvider time, IOptions<MonitoringOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var grace = TimeSpan.FromSeconds(options.Value.PollSeconds * 4 + 60);
        var problems = new List<string>();
        using (var connection = storage.GetConnection())
        {
            foreach (var job in connection.GetRecurringJobs())
            {
                if (job.Error is { Length: > 0 } error)
                {
                    problems.Add($"recurring job {job.Id} cannot be scheduled: {error}");
                }
                else if (job.NextExecution is { } next && now - new DateTimeOffset(next, TimeSpan.Zero) > grace)
                {
                    problems.Add($"recurring job {job.Id} is overdue (due {When(next.Ticks)}; is any instance running jobs?)");
                }

                if (job.LastJobState == "Failed")
                {
                    problems.Add($"the last run of recurring job {job.Id} failed");
                }
            }
        }

        var monitoring = storage.GetMonitoringApi();
        var failed = monitoring.FailedCount();
        if (failed > 0)
        {
            var (id, job) = monitoring.FailedJobs(0, 1).Select(j => (j.Key, j.Value)).FirstOrDefault();
            // The run list keeps the innermost cause (Hangfire's message is often the outer "an error occurred" one).
            var cause = await db.JobRuns.AsNoTracking().Where(r => r.BackgroundJobId == id && r.Error != null).OrderByDescending(r => r.Attempt)
                .Select(r => r.Error).FirstOrDefaultAsync(cancellationToken) ?? job?.ExceptionMessage;
            problems.Add($"{failed} background job(s) failed after their retries (latest: job {id}, {job?.Job?.Method.Name}: {cause})");
        }

        var waitingSince = (now - grace).UtcTicks;
        var waiting = await db.JobRuns.AsNoTracking().Where(r => r.Status == JobRuns.Queued && r.RequestedTicks < waitingSince)
            .OrderBy(r => r.RequestedTicks).Select(r => new { r.Job, r.TargetDay, r.RequestedTicks }).FirstOrDefaultAsync(cancellationToken);
        if (waiting is not null)
        {
            problems.Add($"{waiting.Job} for {waiting.TargetDay} has waited since {When(waiting.RequestedTicks)} without starting");
        }

        var lastSuccess = await db.JobRuns.AsNoTracking().Where(r => r.Status == JobRuns.Succeeded).OrderByDescending(r => r.FinishedTicks)
            .Select(r => new { r.Job, r.TargetDay, r.FinishedTicks }).FirstOrDefaultAsync(cancellationToken);
        var summary = lastSuccess is null ? "no job has run yet" : $"last success: {lastSuccess.Job} for {lastSuccess.TargetDay} at {When(lastSuccess.FinishedTicks ?? 0)}";
        return problems.Count == 0 ? HealthCheckResult.Healthy($"Monitoring jobs: {summary}.") : HealthCheckResult.Degraded($"Monitoring jobs: {string.Join("; ", problems)} ({summary}).");
    }

    private static string When(long ticks) => new DateTimeOffset(ticks, TimeSpan.Zero).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
