namespace ConsentApi.Audit;

/// <summary>An audit entry waiting for the writer, with the task its requester awaits.</summary>
internal sealed class PendingAudit(AuditEntry entry)
{
    public AuditEntry Entry { get; } = entry;

    public TaskCompletionSource<long> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
