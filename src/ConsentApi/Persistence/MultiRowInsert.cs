using System.Data.Common;
using System.Globalization;
using System.Text;

namespace ConsentApi.Persistence;

/// <summary>
/// Multi-row INSERTs into one table: one statement (on PostgreSQL one round trip) for many rows instead of one per
/// row. Statements come in a few fixed sizes (the most rows the connection's parameter budget allows, at most
/// <see cref="MaxRows"/>, as a power of two; then halves down to one), each prepared the first time it is needed on a
/// connection and kept while that connection is: preparing a multi-row statement costs SQLite several times what
/// running it does, and a long-lived writer would otherwise pay it on every batch. Not thread-safe: one owner, one
/// connection at a time.
/// </summary>
public sealed class MultiRowInsert(string head, int columns) : IAsyncDisposable
{
    /// <summary>The most rows in one statement (a power of two): on PostgreSQL 64 rows of 15 columns is 960 parameters.</summary>
    public const int MaxRows = 64;

    private readonly Dictionary<int, DbCommand> commands = [];
    private DbConnection? preparedOn;
    private int maxRows = MaxRows;

    /// <summary>Inserts the rows (each with the table's column count of values) inside the transaction.</summary>
    public async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        if (!ReferenceEquals(connection, preparedOn))
        {
            await DisposeAsync(); // prepared on another connection (or none yet): start again on this one
            preparedOn = connection;
            maxRows = RowsPerStatement(connection, columns);
        }

        for (var start = 0; start < rows.Count;)
        {
            var remaining = rows.Count - start;
            var size = 1 << System.Numerics.BitOperations.Log2((uint)Math.Min(remaining, maxRows));
            var prepared = commands.TryGetValue(size, out var command);
            command ??= DbCommands.Create(connection, null, head + Values(size), size * columns);
            command.Transaction = transaction;

            for (var r = 0; r < size; r++)
            {
                var row = rows[start + r];
                for (var c = 0; c < columns; c++)
                {
                    command.Parameters[(r * columns) + c].Value = row[c] ?? DBNull.Value;
                }
            }

            if (!prepared)
            {
                await command.PrepareAsync(ct); // after the values are set: Npgsql takes the parameter types from them
                commands[size] = command;
            }

            await command.ExecuteNonQueryAsync(ct);
            start += size;
        }
    }

    /// <summary>Drops the prepared statements (before their connection closes); the next call prepares again.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var command in commands.Values)
        {
            await command.DisposeAsync();
        }

        commands.Clear();
        preparedOn = null;
    }

    /// <summary>The most rows one statement carries on this connection: a power of two within its parameter budget.</summary>
    public static int RowsPerStatement(DbConnection connection, int columns) =>
        1 << System.Numerics.BitOperations.Log2((uint)Math.Clamp(DbCommands.ParameterBudget(connection) / columns, 1, MaxRows));

    private string Values(int rows)
    {
        var text = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? " (" : ", (");
            for (var c = 0; c < columns; c++)
            {
                text.Append(c == 0 ? "@p" : ", @p").Append(((r * columns) + c).ToString(CultureInfo.InvariantCulture));
            }

            text.Append(')');
        }

        return text.ToString();
    }
}
