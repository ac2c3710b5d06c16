using System.Data;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Audit;

/// <summary>
/// Finds the records that touched one person: their links are in <c>audit_event_patients</c> (PostgreSQL's, and SQLite's
/// from before schema v10), in the SQLite tail, or in a sorted run that is being read (live, or merging into a run not
/// yet readable). Each link is in exactly one of those at any commit (decision 12).
/// </summary>
public static class AuditPersonIndex
{
    private const string Query = """
        SELECT audit_seq FROM (
            SELECT audit_seq FROM audit_event_patients WHERE nhs_number = @p0 AND audit_seq < @p1
            UNION ALL
            SELECT audit_seq FROM audit_link_tail WHERE nhs_number = @p0 AND audit_seq < @p1
            UNION ALL
            SELECT audit_seq FROM audit_link_runs
            WHERE run_id IN (SELECT run_id FROM audit_link_run_list WHERE state IN ('live', 'merging')) AND nhs_number = @p0 AND audit_seq < @p1
        ) AS links
        ORDER BY audit_seq DESC LIMIT @p2
        """;

    /// <summary>The sequence numbers of the person's records before <paramref name="before"/>, newest first, at most <paramref name="take"/>.</summary>
    public static async Task<List<long>> SeqsAsync(RegistryDbContext db, long nhs, long before, int take, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        try
        {
            await using var command = DbCommands.Create(connection, db.Database.CurrentTransaction, Query, 3);
            command.Parameters[0].Value = nhs;
            command.Parameters[1].Value = before;
            command.Parameters[2].Value = take;
            var seqs = new List<long>(Math.Min(take, 1024));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                seqs.Add(reader.GetInt64(0));
            }

            return seqs;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
