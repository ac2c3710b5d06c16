using System.Globalization;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// The registry's record of job runs (decision 15): one row per attempt at a job for a day, numbered per job and day.
/// Hangfire decides who executes a job and when it is retried; these rows say what each attempt did, for staff and
/// for /health. Every state change is one statement, conditional on the state it leaves.
/// </summary>
public sealed class JobRuns(RegistryDbContext db, TimeProvider time)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Abandoned = "abandoned";

    private long Now => time.GetUtcNow().UtcTicks;

    /// <summary>A run staff can see at once, before any worker has taken it up.</summary>
    public Task<JobRun> QueueAsync(string job, DateOnly day, string trigger, string requestedBy, CancellationToken ct) =>
        InsertAsync(job, day, trigger, requestedBy, Queued, null, null, ct);

    /// <summary>
    /// Marks the start of an execution: the queued run itself on its first execution; otherwise (Hangfire retrying the
    /// job, or running it again after its instance stopped) a new attempt, and any attempt of the same background job
    /// still marked running is recorded as abandoned, since its instance can no longer be working on it.
    /// </summary>
    public async Task<JobRun> StartAsync(long? queuedRunId, string job, DateOnly day, string trigger, string requestedBy, string? backgroundJobId,
        string node, CancellationToken ct)
    {
        var now = Now;
        if (queuedRunId is { } id)
        {
            var started = await db.JobRuns.Where(r => r.Id == id && r.Status == Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, Running).SetProperty(r => r.Node, node).SetProperty(r => r.StartedTicks, now)
                    .SetProperty(r => r.BackgroundJobId, backgroundJobId), ct);
            if (started == 1)
            {
                return await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == id, ct);
            }
        }

        if (backgroundJobId is not null)
        {
            await db.JobRuns.Where(r => r.BackgroundJobId == backgroundJobId && r.Status == Running)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, Abandoned).SetProperty(r => r.FinishedTicks, now)
                    .SetProperty(r => r.Error, "The instance running this attempt stopped before it finished; the job was run again."), ct);
        }

        var again = backgroundJobId is not null && await db.JobRuns.AnyAsync(r => r.BackgroundJobId == backgroundJobId, ct);
        return await InsertAsync(job, day, again ? "retry" : trigger, requestedBy, Running, node, backgroundJobId, ct);
    }

    public Task SucceedAsync(JobRun run, int rows, string outcome, CancellationToken ct) =>
        db.JobRuns.Where(r => r.Id == run.Id && r.Status == Running).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, Succeeded)
            .SetProperty(r => r.FinishedTicks, Now).SetProperty(r => r.RowsWritten, rows).SetProperty(r => r.Outcome, outcome), ct);

    /// <summary>Records why the attempt failed (or was stopped) and what happens next.</summary>
    public Task FailAsync(long runId, string status, string error, string? next, CancellationToken ct) =>
        db.JobRuns.Where(r => r.Id == runId && (r.Status == Running || r.Status == Queued)).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status)
            .SetProperty(r => r.FinishedTicks, Now).SetProperty(r => r.Error, error.Length > 4000 ? error[..4000] : error)
            .SetProperty(r => r.Outcome, next), ct);

    /// <summary>Inserts the next attempt for the job and day; a concurrent insert of the same number is retried with the next.</summary>
    private async Task<JobRun> InsertAsync(string job, DateOnly day, string trigger, string requestedBy, string status, string? node,
        string? backgroundJobId, CancellationToken ct)
    {
        var target = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (var tries = 1; ; tries++)
        {
            var last = await db.JobRuns.Where(r => r.Job == job && r.TargetDay == target).MaxAsync(r => (int?)r.Attempt, ct) ?? 0;
            var now = Now;
            var run = new JobRun
            {
                Job = job,
                TargetDay = target,
                Attempt = last + 1,
                TriggerKind = trigger,
                RequestedBy = requestedBy,
                RequestedTicks = now,
                NotBeforeTicks = now,
                Status = status,
                Node = node,
                StartedTicks = status == Running ? now : null,
                BackgroundJobId = backgroundJobId,
            };
            db.JobRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(ct);
                db.Entry(run).State = EntityState.Detached;
                return run;
            }
            catch (DbUpdateException) when (tries < 5)
            {
                // Another run of the same job and day took this attempt number between our read and our insert.
                db.Entry(run).State = EntityState.Detached;
            }
        }
    }
}
