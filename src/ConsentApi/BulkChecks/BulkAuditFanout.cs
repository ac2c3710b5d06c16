using System.Buffers.Binary;
using System.Globalization;
using ConsentApi.Audit;
using ConsentApi.Objections;
using ConsentApi.Persistence;
using ConsentApi.Policies;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.BulkChecks;

/// <summary>
/// Links every person a bulk check covered to its audit record, one stored chunk (65,536 people) per transaction,
/// after the check has been answered; and records each objection a legal basis overrode. Durable and resumable:
/// the chunks are committed with the check, and a chunk is marked done in the same transaction as its links, so a
/// crash repeats at most the chunk in hand. A per-chunk lock and re-check stop two nodes doing one chunk twice.
/// </summary>
public sealed partial class BulkAuditFanout(IServiceScopeFactory scopes, PolicyCatalogue catalogue, TimeProvider time,
    ILogger<BulkAuditFanout> logger) : BackgroundService
{
    private readonly SemaphoreSlim signal = new(0);
    private readonly SemaphoreSlim running = new(1, 1);
    private int checksInFlight;

    /// <summary>
    /// Keeps the fan-out out of the way while a bulk check runs on this node: each chunk it links holds the database's
    /// write lock (SQLite) and a core for a fraction of a second, which a check that is being waited for should not queue behind.
    /// </summary>
    public IDisposable HoldForCheck()
    {
        Interlocked.Increment(ref checksInFlight);
        return new Hold(this);
    }

    public void Signal()
    {
        if (signal.CurrentCount == 0)
        {
            signal.Release();
        }
    }

    /// <summary>Processes every pending chunk now (the background loop does the same on its own).</summary>
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        await running.WaitAsync(ct);
        try
        {
            var done = 0;
            while (Volatile.Read(ref checksInFlight) == 0 && await ProcessNextChunkAsync(ct))
            {
                done++;
            }

            return done;
        }
        finally
        {
            running.Release();
        }
    }

    public override void Dispose()
    {
        signal.Dispose();
        running.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Left pending and retried on the next round; nothing is marked done that was not.
                LogFailed(logger, ex);
            }

            await signal.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
        }
    }

    private async Task<bool> ProcessNextChunkAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var next = await NextPendingAsync(db, ct);
        if (next is not { } chunk)
        {
            return false;
        }

        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.AcquireAsync([$"bulk-fanout:{chunk.Id}:{chunk.No}"], ct);
        if (await NextPendingAsync(db, ct, chunk) is null)
        {
            return true;
        }

        var check = await db.BulkChecks.AsNoTracking().FirstAsync(b => b.Id == chunk.Id, ct);
        var disclosure = await db.Disclosures.AsNoTracking().FirstAsync(d => d.Id == check.DisclosureId, ct);
        var connection = db.Database.GetDbConnection();
        await using var read = DbCommands.Create(connection, transaction.Transaction,
            "SELECT numbers FROM bulk_check_chunks WHERE bulk_check_id = @p0 AND chunk_no = @p1", 2);
        read.Parameters[0].Value = chunk.Id;
        read.Parameters[1].Value = chunk.No;
        var blob = (byte[])(await read.ExecuteScalarAsync(ct))!;
        await using var link = DbCommands.Create(connection, transaction.Transaction, "INSERT INTO audit_event_patients (nhs_number, audit_seq) VALUES (@p0, @p1)", 2);
        var actor = new AuditActor("client", check.AgentId, check.AgentOrg, null);
        var now = time.GetUtcNow();
        for (var offset = 0; offset < blob.Length; offset += 8)
        {
            var packed = BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(offset));
            var nhs = BulkFlags.Number(packed);
            await DbCommands.ExecuteAsync(link, ct, nhs, check.AuditSeq);
            if (BulkFlags.IsOverridden(packed) && BulkFlags.Policy(packed) is var p && p >= 0 && p < catalogue.Policies.Count)
            {
                var policy = catalogue.Policies[p];
                db.ObjectionConsiderations.Add(Consideration.Create(nhs, null, policy, disclosure.RecipientOds, check.Purpose, "overridden",
                    disclosure.LegalBasis, $"Exemption under {policy.Title}, disclosure {disclosure.Id}", actor, "bulk-check", check.Id, now));
            }
        }

        await db.SaveChangesAsync(ct);
        await using var mark = DbCommands.Create(connection, transaction.Transaction,
            "INSERT INTO bulk_check_fanout (bulk_check_id, chunk_no, done_ticks) VALUES (@p0, @p1, @p2)", 3);
        await DbCommands.ExecuteAsync(mark, ct, chunk.Id, chunk.No, now.UtcTicks);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static async Task<(string Id, int No)?> NextPendingAsync(RegistryDbContext db, CancellationToken ct, (string Id, int No)? only = null)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        var filter = only is null ? string.Empty : "AND c.bulk_check_id = @p0 AND c.chunk_no = @p1 ";
        await using var command = DbCommands.Create(connection, db.Database.CurrentTransaction,
            "SELECT c.bulk_check_id, c.chunk_no FROM bulk_check_chunks c WHERE NOT EXISTS (SELECT 1 FROM bulk_check_fanout f "
            + "WHERE f.bulk_check_id = c.bulk_check_id AND f.chunk_no = c.chunk_no) " + filter + "ORDER BY c.bulk_check_id, c.chunk_no LIMIT 1",
            only is null ? 0 : 2);
        if (only is { } o)
        {
            command.Parameters[0].Value = o.Id;
            command.Parameters[1].Value = o.No;
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? (reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture))
            : null;
    }

    private sealed class Hold(BulkAuditFanout owner) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0 && Interlocked.Decrement(ref owner.checksInFlight) == 0)
            {
                owner.Signal();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Linking bulk-checked people to the audit failed; it will be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
