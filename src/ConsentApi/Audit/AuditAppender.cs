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
    /// <summary>Appends the entries to the chain inside the caller's transaction; returns the first one's sequence number.</summary>
    public static async Task<long> AppendAsync(RegistryDbContext db, IDbContextTransaction transaction, IEnumerable<AuditEntry> entries,
        DateTimeOffset when, CancellationToken ct)
    {
        await db.AcquireAsync(["audit-chain"], ct);
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

        await using var insert = DbCommands.Create(connection, transaction, """
            INSERT INTO audit_events (seq, recorded_ticks, kind, action, outcome, agent_type, agent_id, agent_org, agent_name,
                patient_nhs_number, patient_count, purpose, detail, prev_hash, hash)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14)
            """, 15);
        await using var link = DbCommands.Create(connection, transaction, "INSERT INTO audit_event_patients (nhs_number, audit_seq) VALUES (@p0, @p1)", 2);
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
            await DbCommands.ExecuteAsync(insert, ct, record.Seq, record.RecordedTicks, record.Kind, record.Action, record.Outcome, record.AgentType,
                record.AgentId, record.AgentOrg, record.AgentName, record.PatientNhsNumber, record.PatientCount, record.Purpose, record.Detail,
                record.PrevHash, record.Hash);
            foreach (var nhs in e.Patients.Distinct())
            {
                await DbCommands.ExecuteAsync(link, ct, nhs, record.Seq);
            }
        }

        return first;
    }
}
