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
    /// <summary>The sequence numbers of the person's records before <paramref name="before"/>, newest first, at most <paramref name="take"/>.</summary>
    public static Task<List<long>> SeqsAsync(RegistryDbContext db, long nhs, long before, int take, CancellationToken ct) =>
        db.Database.SqlQuery<long>($"""
            SELECT audit_seq AS "Value" FROM (
                SELECT audit_seq FROM audit_event_patients WHERE nhs_number = {nhs} AND audit_seq < {before}
                UNION ALL
                SELECT audit_seq FROM audit_link_tail WHERE nhs_number = {nhs} AND audit_seq < {before}
                UNION ALL
                SELECT audit_seq FROM audit_link_runs
                WHERE run_id IN (SELECT run_id FROM audit_link_run_list WHERE state IN ('live', 'merging')) AND nhs_number = {nhs} AND audit_seq < {before}
            ) AS links
            ORDER BY audit_seq DESC LIMIT {take}
            """).ToListAsync(ct);
}
