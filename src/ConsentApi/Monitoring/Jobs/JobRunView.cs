namespace ConsentApi.Monitoring.Jobs;

/// <summary>A job run as staff see it: when it ran, for how long, what it did or why it failed.</summary>
public sealed record JobRunView(long Id, string Job, string TargetDay, int Attempt, string Trigger, string RequestedBy, DateTimeOffset RequestedAt,
    DateTimeOffset NotBefore, string Status, string? Node, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double? DurationSeconds, int? Rows,
    string? Outcome, string? Error, string? BackgroundJobId)
{
    public static JobRunView From(JobRun r) => new(r.Id, r.Job, r.TargetDay, r.Attempt, r.TriggerKind, r.RequestedBy, At(r.RequestedTicks)!.Value,
        At(r.NotBeforeTicks)!.Value, r.Status, r.Node, At(r.StartedTicks), At(r.FinishedTicks),
        r.StartedTicks is { } s && r.FinishedTicks is { } f ? Math.Round(TimeSpan.FromTicks(f - s).TotalSeconds, 3) : null, r.RowsWritten, r.Outcome, r.Error,
        r.BackgroundJobId);

    private static DateTimeOffset? At(long? ticks) => ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;
}
