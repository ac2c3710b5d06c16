using System.Globalization;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConsentApi.Audit;

/// <summary>
/// Appends records to the audit chain within a transaction: takes the chain lock (PostgreSQL; SQLite's write lock
/// already serialises), reads the last hash, and inserts each record with its hash and its patient links.
/// </summary>
public static class AuditAppender
{
    /// <summary>The advisory lock that orders appends to the chain on PostgreSQL.</summary>
    public const string ChainLock = "audit-chain";

    /// <summary>Appends the entries to the chain inside the caller's transaction; returns the first one's sequence number.</summary>
    public static async Task<long> AppendAsync(RegistryDbContext db, IDbContextTransaction transaction, IEnumerable<AuditEntry> entries,
        DateTimeOffset when, CancellationToken ct)
    {
        await using var inserts = new AuditInserts();
        return await AppendAsync(db, transaction, entries, when, inserts, ct);
    }

    /// <summary>The same with the caller's inserts, whose prepared statements outlive the call (the audit writer's).</summary>
    public static async Task<long> AppendAsync(RegistryDbContext db, IDbContextTransaction transaction, IEnumerable<AuditEntry> entries,
        DateTimeOffset when, AuditInserts inserts, CancellationToken ct)
    {
        await db.AcquireAsync([ChainLock], ct);
        var connection = db.Database.GetDbConnection();
        long seq = 0;
        var previous = AuditChain.Genesis;

        // A plain command, not a LINQ query: it runs for every batch, and EF's query-cache lookup cost more than the query.
        await using (var last = DbCommands.Create(connection, transaction, "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1", 0))
        await using (var reader = await last.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                seq = reader.GetInt64(0);
                previous = reader.GetString(1);
            }
        }

        var first = seq + 1;

        var records = new List<object?[]>();
        var links = new List<object?[]>();
        var now = when.UtcTicks;
        foreach (var e in entries)
        {
            var record = new AuditRecord
            {
                Seq = ++seq,
                RecordedTicks = now,
                Kind = e.Kind,
                Action = e.Action,
                Outcome = e.Outcome,
                AgentType = e.Actor.Type,
                AgentId = e.Actor.Id,
                AgentOrg = e.Actor.Organisation,
                AgentName = e.Actor.Name,
                PatientNhsNumber = e.Patients.Count == 1 && e.PatientCount == 1 ? e.Patients.First().ToString("D10", CultureInfo.InvariantCulture) : null,
                PatientCount = e.PatientCount,
                Purpose = e.Purpose,
                Detail = e.Detail,
                PrevHash = previous,
                Hash = string.Empty,
            };
            record.Hash = AuditChain.Hash(record);
            previous = record.Hash;
            records.Add([record.Seq, record.RecordedTicks, record.Kind, record.Action, record.Outcome, record.AgentType, record.AgentId, record.AgentOrg,
                record.AgentName, record.PatientNhsNumber, record.PatientCount, record.Purpose, record.Detail, record.PrevHash, record.Hash]);
            foreach (var nhs in e.Patients.Distinct())
            {
                links.Add([nhs, record.Seq]);
            }
        }

        // Multi-row statements: a batch of a few hundred records is a handful of statements, not two per record (on
        // PostgreSQL each statement was a round trip, and the writer fell behind a busy $evaluate load).
        // On SQLite the links go to the tail in record order: the person-ordered index cost a page write per link (decision 12).
        var tx = transaction.GetDbTransaction();
        await inserts.Records.ExecuteAsync(connection, tx, records, ct);
        await (db.Database.IsNpgsql() ? inserts.Links : inserts.TailLinks).ExecuteAsync(connection, tx, links, ct);

        return first;
    }
}
