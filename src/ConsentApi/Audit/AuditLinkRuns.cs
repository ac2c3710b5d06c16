using System.Data.Common;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConsentApi.Audit;

/// <summary>
/// Keeps the SQLite audit's person index as sorted runs (decision 12). New links sit in <c>audit_link_tail</c> in record
/// order; once the tail holds <see cref="DefaultTailRows"/> they are sealed into a run sorted by person, written at the end of
/// <c>audit_link_runs</c>. When a level has <see cref="DefaultFanIn"/> live runs they are merged into one run of the next level,
/// <see cref="DefaultStepRows"/> links per step, and the merged runs are then deleted in steps of the same size. Every step is
/// one short transaction, so the audit writer, which runs a step between its batches, never holds the write lock for
/// long; a search reads the tail and the live and merging runs, never a run still being built, so it sees each link
/// exactly once at every point. Not thread-safe: the audit writer owns one.
/// </summary>
public sealed class AuditLinkRuns(int tailRows = AuditLinkRuns.DefaultTailRows, int fanIn = AuditLinkRuns.DefaultFanIn,
    int stepRows = AuditLinkRuns.DefaultStepRows)
{
    public const int DefaultTailRows = 32_768;
    public const int DefaultFanIn = 16;
    public const int DefaultStepRows = 65_536;

    private long? tailEstimate;
    private bool busy = true; // until a step finds nothing to do; then only a full tail makes work

    /// <summary>Whether a step may have something to do (the writer skips the transaction otherwise).</summary>
    public bool Due => busy || tailEstimate is null || tailEstimate >= tailRows;

    /// <summary>Tells it how many links the writer has just added to the tail (so it need not count them).</summary>
    public void Added(int links) => tailEstimate += links;

    /// <summary>Does the next piece of upkeep, if any, in its own transaction; false when there was nothing to do.</summary>
    public async Task<bool> StepAsync(RegistryDbContext db, CancellationToken ct)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var connection = db.Database.GetDbConnection();
        var tx = transaction.Transaction;
        tailEstimate ??= await ScalarAsync(connection, tx, "SELECT count(*) FROM audit_link_tail", ct);
        var done = (tailEstimate >= tailRows && await SealAsync(connection, tx, ct))
            || await BuildAsync(connection, tx, ct)
            || await DeleteDeadAsync(connection, tx, ct)
            || await StartMergeAsync(connection, tx, ct);
        if (done)
        {
            await transaction.CommitAsync(ct);
        }

        busy = done;
        return done;
    }

    /// <summary>Moves the whole tail into a new level-0 run, sorted by person.</summary>
    private async Task<bool> SealAsync(DbConnection connection, IDbContextTransaction tx, CancellationToken ct)
    {
        var run = await NextRunIdAsync(connection, tx, ct);
        var moved = await ExecuteAsync(connection, tx,
            "INSERT INTO audit_link_runs (run_id, nhs_number, audit_seq) SELECT @p0, nhs_number, audit_seq FROM audit_link_tail ORDER BY nhs_number, audit_seq",
            ct, run);
        await ExecuteAsync(connection, tx, "DELETE FROM audit_link_tail", ct);
        tailEstimate = 0;
        if (moved == 0)
        {
            return false;
        }

        await ExecuteAsync(connection, tx,
            "INSERT INTO audit_link_run_list (run_id, level, entries, state) VALUES (@p0, 0, @p1, 'live')", ct, run, moved);
        return true;
    }

    /// <summary>Copies the next slice of people (about stepRows links) of a merge into its target run.</summary>
    private async Task<bool> BuildAsync(DbConnection connection, IDbContextTransaction tx, CancellationToken ct)
    {
        var target = await RowAsync(connection, tx, "SELECT run_id, cursor FROM audit_link_run_list WHERE state = 'building' ORDER BY run_id LIMIT 1", ct);
        if (target is null)
        {
            return false;
        }

        var (run, cursor) = (target.Value.A, target.Value.B);
        var source = await ScalarAsync(connection, tx,
            "SELECT run_id FROM audit_link_run_list WHERE merge_into = @p0 AND state = 'merging' ORDER BY entries DESC LIMIT 1", ct, run);
        // The slice ends at the person found this far into the largest source: about StepRows links over all sources.
        var upper = await ScalarAsync(connection, tx,
            "SELECT nhs_number FROM audit_link_runs WHERE run_id = @p0 AND nhs_number > @p1 ORDER BY nhs_number LIMIT 1 OFFSET @p2", ct,
            source ?? -1, cursor, Math.Max(1, stepRows / fanIn));
        var copied = await ExecuteAsync(connection, tx,
            "INSERT INTO audit_link_runs (run_id, nhs_number, audit_seq) SELECT @p0, nhs_number, audit_seq FROM audit_link_runs "
            + "WHERE run_id IN (SELECT run_id FROM audit_link_run_list WHERE merge_into = @p0 AND state = 'merging') AND nhs_number > @p1 AND nhs_number <= @p2 "
            + "ORDER BY nhs_number, audit_seq", ct, run, cursor, upper ?? long.MaxValue);
        await ExecuteAsync(connection, tx, "UPDATE audit_link_run_list SET entries = entries + @p1, cursor = @p2 WHERE run_id = @p0", ct,
            run, copied, upper ?? long.MaxValue);
        if (upper is null)
        {
            // Built: in one commit the target becomes readable and its sources stop being read.
            await ExecuteAsync(connection, tx, "UPDATE audit_link_run_list SET state = 'live', cursor = NULL WHERE run_id = @p0", ct, run);
            await ExecuteAsync(connection, tx, "UPDATE audit_link_run_list SET state = 'dead' WHERE merge_into = @p0 AND state = 'merging'", ct, run);
        }

        return true;
    }

    /// <summary>Deletes the next slice of a merged run's links; the run's entry goes with its last slice.</summary>
    private async Task<bool> DeleteDeadAsync(DbConnection connection, IDbContextTransaction tx, CancellationToken ct)
    {
        var dead = await ScalarAsync(connection, tx, "SELECT run_id FROM audit_link_run_list WHERE state = 'dead' ORDER BY run_id LIMIT 1", ct);
        if (dead is null)
        {
            return false;
        }

        var upper = await ScalarAsync(connection, tx,
            "SELECT nhs_number FROM audit_link_runs WHERE run_id = @p0 ORDER BY nhs_number LIMIT 1 OFFSET @p1", ct, dead, stepRows);
        await ExecuteAsync(connection, tx, "DELETE FROM audit_link_runs WHERE run_id = @p0 AND nhs_number <= @p1", ct, dead, upper ?? long.MaxValue);
        if (upper is null)
        {
            await ExecuteAsync(connection, tx, "DELETE FROM audit_link_run_list WHERE run_id = @p0", ct, dead);
        }

        return true;
    }

    /// <summary>Starts merging the oldest fanIn live runs of the lowest level that has that many.</summary>
    private async Task<bool> StartMergeAsync(DbConnection connection, IDbContextTransaction tx, CancellationToken ct)
    {
        var level = await ScalarAsync(connection, tx,
            "SELECT level FROM audit_link_run_list WHERE state = 'live' GROUP BY level HAVING count(*) >= @p0 ORDER BY level LIMIT 1", ct, fanIn);
        if (level is null)
        {
            return false;
        }

        var target = await NextRunIdAsync(connection, tx, ct);
        await ExecuteAsync(connection, tx,
            "INSERT INTO audit_link_run_list (run_id, level, entries, state, cursor) VALUES (@p0, @p1, 0, 'building', -1)", ct, target, level + 1);
        await ExecuteAsync(connection, tx,
            "UPDATE audit_link_run_list SET state = 'merging', merge_into = @p0 WHERE run_id IN "
            + "(SELECT run_id FROM audit_link_run_list WHERE state = 'live' AND level = @p1 ORDER BY run_id LIMIT @p2)", ct, target, level, fanIn);
        return true;
    }

    private static async Task<long> NextRunIdAsync(DbConnection connection, IDbContextTransaction tx, CancellationToken ct) =>
        (await ScalarAsync(connection, tx, "SELECT max(run_id) FROM audit_link_run_list", ct) ?? 0) + 1;

    private static async Task<long?> ScalarAsync(DbConnection connection, IDbContextTransaction tx, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = DbCommands.Create(connection, tx, sql, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(long A, long B)?> RowAsync(DbConnection connection, IDbContextTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = DbCommands.Create(connection, tx, sql, 0);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, IDbContextTransaction tx, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = DbCommands.Create(connection, tx, sql, values.Length);
        return await DbCommands.ExecuteAsync(command, ct, values);
    }
}
