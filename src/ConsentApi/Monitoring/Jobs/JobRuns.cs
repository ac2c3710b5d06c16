using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// The job-run table as a lease (decision 9): queuing inserts a (job, day, attempt) row that only one instance can
/// insert; claiming flips one queued row to running with a conditional update that only one instance can win; a
/// running row whose heartbeat stops is taken over as a new attempt. Every state change is one statement.
/// </summary>
public sealed class JobRuns(RegistryDbContext db, TimeProvider time, IOptions<MonitoringOptions> options)
{
    private long Now => time.GetUtcNow().UtcTicks;

    /// <summary>Queues the next attempt for the day; a scheduled run is attempt 1 and is queued only if no instance queued it first.</summary>
    public async Task<JobRun?> EnqueueAsync(string job, DateOnly day, string trigger, string requestedBy, TimeSpan delay, CancellationToken ct)
    {
        var target = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var last = await db.JobRuns.Where(r => r.Job == job && r.TargetDay == target).MaxAsync(r => (int?)r.Attempt, ct) ?? 0;
        if (trigger == "schedule" && last > 0)
        {
            return null;
        }

        var run = new JobRun
        {
            Job = job,
            TargetDay = target,
            Attempt = last + 1,
            TriggerKind = trigger,
            RequestedBy = requestedBy,
            RequestedTicks = Now,
            NotBeforeTicks = Now + delay.Ticks,
            Status = "queued",
        };
        db.JobRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
            return run;
        }
        catch (DbUpdateException)
        {
            db.Entry(run).State = EntityState.Detached;
            if (await db.JobRuns.AsNoTracking().AnyAsync(r => r.Job == job && r.TargetDay == target && r.Attempt == run.Attempt, ct))
            {
                // Another instance queued this attempt between our read and our insert: theirs stands.
                return null;
            }

            throw;
        }
    }

    /// <summary>Claims the oldest due queued run whose job is not already running anywhere; null when there is none to take.</summary>
    public async Task<JobRun?> ClaimNextAsync(string node, CancellationToken ct)
    {
        var now = Now;
        var candidates = await db.JobRuns.AsNoTracking().Where(r => r.Status == "queued" && r.NotBeforeTicks <= now)
            .OrderBy(r => r.NotBeforeTicks).ThenBy(r => r.Id).Select(r => new { r.Id, r.Job }).Take(10).ToListAsync(ct);
        foreach (var candidate in candidates)
        {
            var claimed = await db.JobRuns
                .Where(r => r.Id == candidate.Id && r.Status == "queued"
                    && !db.JobRuns.Any(o => o.Job == candidate.Job && o.Status == "running"))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, "running").SetProperty(r => r.Node, node)
                    .SetProperty(r => r.StartedTicks, now).SetProperty(r => r.HeartbeatTicks, now), ct);
            if (claimed == 1)
            {
                return await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == candidate.Id, ct);
            }
        }

        return null;
    }

    public Task HeartbeatAsync(long id, CancellationToken ct) =>
        db.JobRuns.Where(r => r.Id == id && r.Status == "running").ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatTicks, Now), ct);

    /// <summary>
    /// Marks the run succeeded and, in the same transaction, queues the run that must follow it (detection after rates),
    /// so no reader ever sees a finished rates run without its detection run queued.
    /// </summary>
    public async Task SucceedAsync(JobRun run, int rows, string outcome, string? followUp, CancellationToken ct)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var marked = await db.JobRuns.Where(r => r.Id == run.Id && r.Status == "running").ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, "succeeded")
            .SetProperty(r => r.FinishedTicks, Now).SetProperty(r => r.RowsWritten, rows).SetProperty(r => r.Outcome, outcome), ct);
        if (marked == 1 && followUp is not null)
        {
            await EnqueueAsync(followUp, DateOnly.Parse(run.TargetDay, System.Globalization.CultureInfo.InvariantCulture), "after-rates",
                $"{run.Job} run {run.Id}", TimeSpan.Zero, ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Records the failure and, unless attempts are used up, queues the next attempt after a back-off.</summary>
    public async Task<JobRun?> FailAsync(JobRun run, string status, string error, CancellationToken ct)
    {
        await db.JobRuns.Where(r => r.Id == run.Id && r.Status == "running").ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status)
            .SetProperty(r => r.FinishedTicks, Now).SetProperty(r => r.Error, error.Length > 4000 ? error[..4000] : error), ct);
        var settings = options.Value;
        if (run.Attempt >= settings.MaxAttempts)
        {
            return null;
        }

        var delay = TimeSpan.FromSeconds(settings.RetryBaseSeconds * Math.Pow(4, run.Attempt - 1));
        return await EnqueueAsync(run.Job, DateOnly.Parse(run.TargetDay, System.Globalization.CultureInfo.InvariantCulture), "retry",
            $"retry of run {run.Id}", delay, ct);
    }

    /// <summary>Runs whose instance stopped sending heartbeats: marked abandoned and retried (each by exactly one instance).</summary>
    public async Task<int> RecoverStaleAsync(CancellationToken ct)
    {
        var limit = Now - TimeSpan.FromSeconds(options.Value.StaleAfterSeconds).Ticks;
        var stale = await db.JobRuns.AsNoTracking().Where(r => r.Status == "running" && r.HeartbeatTicks < limit).ToListAsync(ct);
        var recovered = 0;
        foreach (var run in stale)
        {
            var taken = await db.JobRuns.Where(r => r.Id == run.Id && r.Status == "running" && r.HeartbeatTicks < limit)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, "abandoned").SetProperty(r => r.FinishedTicks, Now)
                    .SetProperty(r => r.Error, $"No heartbeat from {run.Node} for over {options.Value.StaleAfterSeconds} s: the instance stopped or hung."), ct);
            if (taken == 1)
            {
                recovered++;
                if (run.Attempt < options.Value.MaxAttempts)
                {
                    await EnqueueAsync(run.Job, DateOnly.Parse(run.TargetDay, System.Globalization.CultureInfo.InvariantCulture), "retry",
                        $"takeover of run {run.Id}", TimeSpan.Zero, ct);
                }
            }
        }

        return recovered;
    }
}
