namespace ConsentApi.Audit;

/// <summary>An audit entry waiting for the writer (or, with no entry, a flush marker), with the task its requester may await.</summary>
internal sealed class PendingAudit(AuditEntry? entry)
{
    public AuditEntry? Entry { get; } = entry;

    public TaskCompletionSource<long> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
