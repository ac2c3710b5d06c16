using System.Threading.Channels;

namespace ConsentApi.Audit;

/// <summary>
/// Where handlers record accesses. The <see cref="AuditWriter"/> commits whatever has queued up as one transaction
/// (group commit), continuously, so thousands of accesses a second cost one small commit every few milliseconds.
/// Reads and decisions queue their record and answer at once (<see cref="EnqueueAsync"/>); what must know its record
/// is stored waits for the commit (<see cref="RecordAsync"/>). The queue is bounded: if the audit cannot keep up or
/// cannot be written, requests wait rather than go unaudited. A record somebody waits for wakes the writer at once;
/// the others let it gather a few milliseconds' worth into one commit (<see cref="AuditWriter"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore is never disposed on purpose: see awaitedQueued.")]
public sealed class AuditLog
{
    public const int Capacity = 50_000;

    private readonly Channel<PendingAudit> queue = Channel.CreateBounded<PendingAudit>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>
    /// Released once for each record or flush somebody waits for, so the writer need not linger. Never disposed: it holds
    /// no handle (nothing reads its wait handle), and a host stopped twice at once (the test host's own stop racing
    /// <c>app.RunAsync</c>'s stop-and-dispose) calls <see cref="Complete"/> after the container has disposed singletons.
    /// </summary>
    private readonly SemaphoreSlim awaitedQueued = new(0, int.MaxValue);

    internal ChannelReader<PendingAudit> Reader => queue.Reader;

    /// <summary>Records waiting for the writer.</summary>
    public int Queued => queue.Reader.Count;

    /// <summary>Queues the record; it is committed within milliseconds, in order, by the writer.</summary>
    public ValueTask EnqueueAsync(AuditEntry entry, CancellationToken ct) => queue.Writer.WriteAsync(new PendingAudit(entry, awaited: false), ct);

    /// <summary>Records the access and returns its sequence number once committed.</summary>
    public async Task<long> RecordAsync(AuditEntry entry, CancellationToken ct)
    {
        var pending = new PendingAudit(entry, awaited: true);
        await queue.Writer.WriteAsync(pending, ct);
        awaitedQueued.Release();
        return await pending.Committed!.Task.WaitAsync(ct);
    }

    /// <summary>Completes once everything queued before the call is committed.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var marker = new PendingAudit(null, awaited: true);
        await queue.Writer.WriteAsync(marker, ct);
        awaitedQueued.Release();
        await marker.Committed!.Task.WaitAsync(ct);
    }

    /// <summary>No more records: the writer commits what is queued and stops.</summary>
    internal void Complete()
    {
        queue.Writer.TryComplete();
        awaitedQueued.Release();
    }

    /// <summary>
    /// The writer's pause before taking a batch: returns after <paramref name="linger"/>, or at once when a record
    /// somebody waits for has been queued since the last call (or the log is complete).
    /// </summary>
    internal async Task LingerAsync(TimeSpan linger)
    {
        await awaitedQueued.WaitAsync(linger);

        // Signals from records that are already queued are spent: this batch takes them.
        while (awaitedQueued.Wait(0))
        {
        }
    }
}
