using System.Threading.Channels;

namespace ConsentApi.Audit;

/// <summary>
/// Where handlers record accesses. <see cref="RecordAsync"/> completes only once the record is committed, so an
/// access is never answered unaudited; the <see cref="AuditWriter"/> commits whatever has queued up as one
/// transaction (group commit), so thousands of decisions a second cost one disk flush each batch, not each.
/// </summary>
public sealed class AuditLog
{
    private readonly Channel<PendingAudit> queue = Channel.CreateBounded<PendingAudit>(new BoundedChannelOptions(50_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    internal ChannelReader<PendingAudit> Reader => queue.Reader;

    /// <summary>Records the access and returns its sequence number once committed.</summary>
    public async Task<long> RecordAsync(AuditEntry entry, CancellationToken ct)
    {
        var pending = new PendingAudit(entry);
        await queue.Writer.WriteAsync(pending, ct);
        return await pending.Committed.Task.WaitAsync(ct);
    }

    internal void Complete() => queue.Writer.TryComplete();
}
