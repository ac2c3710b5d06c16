using System.Data.Common;

namespace ConsentApi.Persistence;

/// <summary>
/// Inserts many rows inside the caller's transaction through <see cref="MultiRowInsert"/> (multi-row statements within
/// the connection's parameter budget, each size prepared once): hundreds of thousands of rows a second on both
/// providers, where EF's change tracker manages thousands.
/// </summary>
public static class BulkInsert
{
    private const int Chunk = 4096;

    public static async Task RowsAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var insert = new MultiRowInsert($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES", columns.Count);
        var pending = new List<object?[]>(Chunk);
        foreach (var row in rows)
        {
            pending.Add(row);
            if (pending.Count == Chunk)
            {
                await insert.ExecuteAsync(connection, transaction, pending, ct);
                pending.Clear();
            }
        }

        await insert.ExecuteAsync(connection, transaction, pending, ct);
    }
}
