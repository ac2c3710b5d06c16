using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Audit;

/// <summary>
/// The single writer of the audit chain on this node. It takes everything queued, appends it in one transaction
/// (holding the chain lock on PostgreSQL, so nodes append one after another), and only then releases the requests
/// waiting on it. If the batch fails, every request in it fails: nothing is answered as audited that is not.
/// </summary>
public sealed partial class AuditWriter(AuditLog log, IServiceScopeFactory scopes, TimeProvider time, ILogger<AuditWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 4096;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = log.Reader;
        var batch = new List<PendingAudit>(MaxBatch);
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                var first = await AppendAsync(batch, stoppingToken);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Committed.TrySetResult(first + i);
                }
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Committed.TrySetException(new InvalidOperationException("The access could not be audited, so it was not answered.", ex));
                }
            }
        }
    }

    private async Task<long> AppendAsync(List<PendingAudit> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var sqlite = !db.Database.IsNpgsql();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Batches commit without waiting for the disk flush: a record survives the process dying at once, and a
            // power cut can lose at most the last few milliseconds of records (see decision 7). Consent writes keep
            // the full flush.
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL", ct);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off", ct);
            }

            var first = await AuditAppender.AppendAsync(db, transaction, batch.Select(p => p.Entry), time.GetUtcNow(), ct);
            await transaction.CommitAsync(ct);
            return first;
        }
        finally
        {
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL", CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending {Count} audit records failed; their requests fail too")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count);
}
