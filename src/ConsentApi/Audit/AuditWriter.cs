using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Audit;

/// <summary>
/// The single writer of the audit chain on this node. It takes everything queued, appends it in one transaction
/// (holding the chain lock on PostgreSQL, so nodes append one after another), then releases anyone waiting on it.
/// A failed batch is retried until stored; on shutdown the queue is drained first.
/// <para>
/// When the first record of a batch arrives it lingers up to <see cref="Linger"/> for more, unless somebody waits for a
/// record: a commit has a fixed cost (the lock, the last hash, and on SQLite a WAL write of every page it touched),
/// so 12,000 decisions a second cost about 200 commits rather than thousands. Nobody waits for those records;
/// they are stored a few milliseconds later than they would be, which the process dying could lose either way.
/// </para>
/// </summary>
public sealed partial class AuditWriter(AuditLog log, IServiceScopeFactory scopes, TimeProvider time, ILogger<AuditWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 4096;
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(5);
    private readonly AuditInserts inserts = new(); // prepared on the writer's connection, kept with it
    private readonly AuditLinkRuns runs = new();
    private AsyncServiceScope? scope;
    private RegistryDbContext? context;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Finish what is queued before stopping: the loop ends when the queue is empty and complete.
        log.Complete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = log.Reader;
        var batch = new List<PendingAudit>(MaxBatch);
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            if (reader.Count < MaxBatch)
            {
                await log.LingerAsync(Linger);
            }

            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            var first = await AppendWithRetryAsync(batch);
            var seq = first;
            var links = 0;
            foreach (var pending in batch)
            {
                var committed = pending.Entry is null ? seq - 1 : seq++;
                links += pending.Entry?.Patients.Count ?? 0;
                pending.Committed?.TrySetResult(committed);
            }

            runs.Added(links);
            await MaintainRunsAsync();
        }

        await DisconnectAsync();
    }

    /// <summary>Appends the batch, retrying until it is stored: records are never dropped, and while the audit cannot be
    /// written the queue fills and requests wait (fail closed).</summary>
    private async Task<long> AppendWithRetryAsync(List<PendingAudit> batch)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await AppendAsync(batch, CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex, batch.Count);
                await Task.Delay(delay, time);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    private async Task<long> AppendAsync(List<PendingAudit> batch, CancellationToken ct)
    {
        var db = await ConnectionAsync(ct);
        try
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, ct);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off", ct);
            }

            var first = await AuditAppender.AppendAsync(db, transaction.Transaction, batch.Where(p => p.Entry is not null).Select(p => p.Entry!), time.GetUtcNow(),
                inserts, ct);
            await transaction.CommitAsync(ct);
            return first;
        }
        catch
        {
            // Start again on a fresh connection next time.
            await DisconnectAsync();
            throw;
        }
    }

    /// <summary>
    /// One step of the SQLite person index's upkeep between batches (decision 12): short, so records keep flowing. A
    /// failure is logged and the step is tried again after the next batch; the records themselves are already stored.
    /// </summary>
    private async Task MaintainRunsAsync()
    {
        if (context is not { } db || db.Database.IsNpgsql() || !runs.Due)
        {
            return;
        }

        try
        {
            await runs.StepAsync(db, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogRunsFailed(logger, ex);
            await DisconnectAsync();
        }
    }

    /// <summary>
    /// The writer's own connection, kept open across batches (opening a context per batch cost more than the batch).
    /// Its batches commit without waiting for the disk flush: a record survives the process dying at once, and a
    /// power cut can lose at most the last few milliseconds of records (decision 7). Consent writes keep the flush.
    /// </summary>
    private async Task<RegistryDbContext> ConnectionAsync(CancellationToken ct)
    {
        if (context is not null)
        {
            return context;
        }

        scope = scopes.CreateAsyncScope();
        var db = scope.Value.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        if (!db.Database.IsNpgsql())
        {
            // Its own 64 MB page cache: the person index takes a random insert per record, and with SQLite's 2 MB
            // default most of those pages were read back from the log or the file on every batch.
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;", ct);
        }

        context = db;
        return db;
    }

    private async Task DisconnectAsync()
    {
        await inserts.DisposeAsync(); // its statements belong to the connection being closed
        if (scope is { } open)
        {
            await open.DisposeAsync();
        }

        scope = null;
        context = null;
    }

    public override void Dispose()
    {
        scope?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending {Count} audit records failed; retrying (requests wait meanwhile)")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A step of the audit person index's upkeep failed; it is tried again after the next batch")]
    private static partial void LogRunsFailed(ILogger logger, Exception exception);
}
