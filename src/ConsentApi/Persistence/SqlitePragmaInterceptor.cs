using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConsentApi.Persistence;

/// <summary>
/// Per-connection SQLite settings: synchronous=FULL so an acknowledged write survives power loss as well as a crash
/// (WAL mode itself is set once by the migrator, as it is stored in the file), foreign keys enforced, and the log
/// checkpointed every <see cref="CheckpointPages"/> pages rather than SQLite's 1,000 (decision 11), and temporary data
/// kept in memory: a group commit runs each write under a savepoint (decision 22), and past 64 KiB SQLite spilled the
/// savepoints' journal to a temporary file, one write system call per page changed (5% of a create's CPU). Settings last as long
/// as SQLite's own connection, which the pool keeps across many opens: they are sent once per SQLite connection, not on
/// every open (three statements on every request were a measurable share of a search).
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    /// <summary>
    /// The automatic checkpoint's threshold, on every connection alike (whichever commit crosses it runs the
    /// checkpoint). At 1,000 pages the audit's group commits set one off several times a second, each copying back
    /// pages that the next commits touch again and syncing the file twice; at 8,192 (32 MB of log) it runs every few
    /// seconds and copies each hot page once. In the running API <see cref="SqliteCheckpointer"/> copies the log back
    /// before it gets this far, so this is the backstop (and the rule for commands, which run without it).
    /// </summary>
    public const int CheckpointPages = 8192;

    private static readonly string Pragmas =
        $"PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint={CheckpointPages.ToString(CultureInfo.InvariantCulture)};";

    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (Unconfigured(connection) is { } handle)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Configured.AddOrUpdate(handle, this);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (Unconfigured(connection) is { } handle)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Configured.AddOrUpdate(handle, this);
        }
    }

    /// <summary>SQLite's own connection under this open (the pool hands the same one out again), or null when it has its settings.</summary>
    private static object? Unconfigured(DbConnection connection)
    {
        object handle = ((SqliteConnection)connection).Handle!;
        return Configured.TryGetValue(handle, out _) ? null : handle;
    }
}
