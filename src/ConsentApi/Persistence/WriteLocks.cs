using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Persistence;

/// <summary>
/// Serialises writes that must not interleave (two updates of one Consent, two creates for one person and policy,
/// two conditional creates with the same criteria). On SQLite every write transaction is BEGIN IMMEDIATE, which
/// already queues writers. On PostgreSQL each key takes a transaction-scoped advisory lock, always in the same
/// (sorted) order so two writers can never deadlock; reads after the lock see everything committed before it.
/// </summary>
public static class WriteLocks
{
    public static async Task AcquireAsync(this RegistryDbContext db, IEnumerable<string> keys, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
        }
    }
}
