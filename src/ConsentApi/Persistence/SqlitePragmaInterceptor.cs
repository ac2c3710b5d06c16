using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConsentApi.Persistence;

/// <summary>
/// Per-connection SQLite settings: synchronous=FULL so an acknowledged write survives power loss as well as a crash
/// (WAL mode itself is set once by the migrator, as it is stored in the file), and foreign keys enforced.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
