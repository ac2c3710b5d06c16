using ConsentApi.Audit;

namespace ConsentApi.Consents;

/// <summary>
/// What a write did: which version it produced (or found), and how; and the audit record the batch appends for it
/// (<see cref="GroupCommit"/>) when the write changed something.
/// </summary>
public sealed record WriteResult(ConsentVersion Version, WriteKind Kind)
{
    public AuditEntry? Audit { get; init; }
}
