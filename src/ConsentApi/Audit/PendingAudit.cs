namespace ConsentApi.Audit;

/// <summary>
/// An audit entry waiting for the writer (or, with no entry, a flush marker), with the task its requester awaits if it
/// waits for the commit at all (most reads and decisions do not, and then no task is made).
/// </summary>
internal sealed class PendingAudit(AuditEntry? entry, bool awaited)
{
    public AuditEntry? Entry { get; } = entry;

    public TaskCompletionSource<long>? Committed { get; } = awaited ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null;
}
