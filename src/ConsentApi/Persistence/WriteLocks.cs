using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Persistence;

/// <summary>
/// Serialises writes that must not interleave (two updates of one Consent, two creates for one person and policy,
/// two conditional creates with the same criteria). On SQLite every write transaction is BEGIN IMMEDIATE, which
/// already queues writers. On PostgreSQL each key takes a transaction-scoped advisory lock, always in the same
/// (sorted) order so two writers can never deadlock; reads after the lock see everything committed before it. The
/// keys go in one round trip, one statement each, which PostgreSQL runs in the order written.
/// </summary>
public static class WriteLocks
{
    public static Task AcquireAsync(this RegistryDbContext db, IEnumerable<string> keys, CancellationToken ct) =>
        db.Database.IsNpgsql() ? TakeLocksAsync(db, new StringBuilder(), keys, ct) : Task.CompletedTask;

    /// <summary>
    /// Opens a savepoint in the current transaction and takes the keys' locks after it, in one round trip on
    /// PostgreSQL (a batched Consent write does this for each write while the batch's other writers wait).
    /// </summary>
    public static Task SavepointAndLockAsync(this RegistryDbContext db, string savepoint, IEnumerable<string> keys, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            var transaction = db.Database.CurrentTransaction
                ?? throw new InvalidOperationException("A savepoint is opened only inside a write transaction.");
            return transaction.CreateSavepointAsync(savepoint, ct);
        }

        return TakeLocksAsync(db, new StringBuilder("SAVEPOINT ").Append(savepoint).Append(';'), keys, ct);
    }

    /// <summary>Runs <paramref name="sql"/> (a prefix, or nothing) and then one lock statement a key, in sorted order, in one command.</summary>
    private static async Task TakeLocksAsync(RegistryDbContext db, StringBuilder sql, IEnumerable<string> keys, CancellationToken ct)
    {
        var sorted = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock(hashtextextended(@p{i}, 0));");
        }

        if (sql.Length == 0)
        {
            return;
        }

        // A transaction-scoped lock outside a transaction would be released as soon as it was taken.
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Write locks are taken only inside a write transaction.");
        await using var command = DbCommands.Create(db.Database.GetDbConnection(), transaction, sql.ToString(), sorted.Count);
        await DbCommands.ExecuteAsync(command, ct, [.. sorted]);
    }
}
