using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Persistence;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file from a thread of its own, a few times a second, so that
/// no writer does it. Left to SQLite, the commit that takes the log past <see cref="SqlitePragmaInterceptor.CheckpointPages"/>
/// runs the checkpoint itself before it returns: under a burst of Consent writes that was once a second, each time
/// copying up to 32 MB and syncing the file while that batch's writers, and every writer queued behind the in-process
/// gate, waited. A passive checkpoint takes no writer's lock: writes go on while it copies. SQLite's automatic
/// checkpoint stays as the backstop (commands run without this service, and a checkpoint that falls behind is caught).
/// Durability does not depend on it: a commit is synced to the log before it is acknowledged.
/// </summary>
public sealed partial class SqliteCheckpointer(IServiceScopeFactory scopes, TimeProvider time, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>How often the log is copied back: well under the backstop's threshold at the write rates measured.</summary>
    internal static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            connectionString = db.Database.IsSqlite() ? db.Database.GetConnectionString() : null;
        }

        if (connectionString is null)
        {
            return; // PostgreSQL checkpoints for itself
        }

        // One connection held for the service's life (taken from the pool once, never handed back between checkpoints).
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(stoppingToken);
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Period, time, stoppingToken);
                await checkpoint.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SqliteException ex)
            {
                // The backstop still checkpoints; say so and try again next period.
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The background checkpoint failed; SQLite's own checkpoint on commit stays as the backstop")]
    private partial void LogFailed(Exception ex);
}
