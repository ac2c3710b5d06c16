namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// One attempt at a job for a day, as staff see it (decision 15): queued when requested, running while a Hangfire worker
/// executes it, then succeeded, failed (with the cause) or abandoned (its instance stopped mid-way; Hangfire runs the
/// background job again as the next attempt). Attempts are numbered per job and day.
/// </summary>
public sealed class JobRun
{
    public long Id { get; set; }
    public required string Job { get; set; }
    public required string TargetDay { get; set; }
    public int Attempt { get; set; }

    /// <summary>schedule, manual, after-rates, revision (a past day again after a registration change learnt late) or retry.</summary>
    public required string TriggerKind { get; set; }
    public required string RequestedBy { get; set; }
    public long RequestedTicks { get; set; }
    public long NotBeforeTicks { get; set; }

    /// <summary>queued, running, succeeded, failed or abandoned (its node stopped answering).</summary>
    public required string Status { get; set; }
    public string? Node { get; set; }
    public long? StartedTicks { get; set; }
    public long? HeartbeatTicks { get; set; }
    public long? FinishedTicks { get; set; }
    public int? RowsWritten { get; set; }
    public string? Outcome { get; set; }
    public string? Error { get; set; }

    /// <summary>The Hangfire background job executing this attempt (none for runs from the command line or before decision 15).</summary>
    public string? BackgroundJobId { get; set; }
}
