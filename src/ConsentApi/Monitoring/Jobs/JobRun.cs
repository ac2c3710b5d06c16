namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// One attempt at a job for a day. The unique (job, day, attempt) row is what makes a run happen once across every
/// API instance (decision 9): whoever inserts it owns the attempt; whoever claims it (queued → running) runs it.
/// </summary>
public sealed class JobRun
{
    public long Id { get; set; }
    public required string Job { get; set; }
    public required string TargetDay { get; set; }
    public int Attempt { get; set; }

    /// <summary>schedule, manual or retry.</summary>
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
}
