using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConsentApi.Persistence;

/// <summary>
/// Plain ADO.NET commands for the few bulk paths that bypass EF Core (audit batches, bulk-check chunks and their
/// fan-out): positional parameters @p0, @p1..., created once and executed many times inside a transaction.
/// </summary>
public static class DbCommands
{
    public static DbCommand Create(DbConnection connection, IDbContextTransaction? transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction?.GetDbTransaction();
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>
    /// Inserts the rows with multi-row INSERT statements: one statement (on PostgreSQL one round trip) for many rows
    /// instead of one per row. Statements come in a few fixed sizes (<see cref="RowsPerInsert"/> rows, then halves
    /// down to one) so each is prepared once and, on PostgreSQL, stays prepared on a long-lived connection instead of
    /// being parsed and planned anew for every batch. <paramref name="head"/> is "INSERT INTO table (columns) VALUES";
    /// every row has <paramref name="columns"/> values.
    /// </summary>
    public static async Task InsertRowsAsync(DbConnection connection, IDbContextTransaction transaction, string head, int columns,
        IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var commands = new Dictionary<int, DbCommand>();
        try
        {
            for (var start = 0; start < rows.Count;)
            {
                var remaining = rows.Count - start;
                var size = remaining >= RowsPerInsert ? RowsPerInsert : 1 << System.Numerics.BitOperations.Log2((uint)remaining);
                var fresh = !commands.TryGetValue(size, out var command);
                command ??= Create(connection, transaction, head + Values(size, columns), size * columns);
                for (var r = 0; r < size; r++)
                {
                    var row = rows[start + r];
                    for (var c = 0; c < columns; c++)
                    {
                        command.Parameters[(r * columns) + c].Value = row[c] ?? DBNull.Value;
                    }
                }

                if (fresh)
                {
                    commands[size] = command;
                    await command.PrepareAsync(ct); // after the values are set: Npgsql takes the parameter types from them
                }

                await command.ExecuteNonQueryAsync(ct);
                start += size;
            }
        }
        finally
        {
            foreach (var command in commands.Values)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>The most rows in one INSERT (a power of two): 64 rows of 15 columns is 960 parameters, well inside both databases' limits.</summary>
    public const int RowsPerInsert = 64;

    private static string Values(int rows, int columns)
    {
        var text = new System.Text.StringBuilder();
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

    public static Task<int> ExecuteAsync(DbCommand command, CancellationToken ct, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQueryAsync(ct);
    }
}
