using System.Data.Common;
using System.Globalization;
using System.Text;

namespace ConsentApi.Persistence;

/// <summary>
/// Inserts many rows with multi-row INSERT statements (as many rows as the connection's parameter budget allows, one
/// prepared command reused), inside the caller's transaction: hundreds of thousands of rows a second on both
/// providers, where EF's change tracker manages thousands.
/// </summary>
public static class BulkInsert
{
    public static async Task<int> RowsAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var perStatement = Math.Max(1, DbCommands.ParameterBudget(connection) / columns.Count);
        DbCommand? full = null;
        var pending = new List<object?[]>(perStatement);
        var written = 0;
        try
        {
            foreach (var row in rows)
            {
                pending.Add(row);
                if (pending.Count == perStatement)
                {
                    full ??= Command(connection, transaction, table, columns, perStatement);
                    written += await ExecuteAsync(full, pending, ct);
                    pending.Clear();
                }
            }

            if (pending.Count > 0)
            {
                await using var last = Command(connection, transaction, table, columns, pending.Count);
                written += await ExecuteAsync(last, pending, ct);
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }

        return written;
    }

    private static async Task<int> ExecuteAsync(DbCommand command, List<object?[]> rows, CancellationToken ct)
    {
        var p = 0;
        foreach (var row in rows)
        {
            foreach (var value in row)
            {
                command.Parameters[p++].Value = value ?? DBNull.Value;
            }
        }

        return await command.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        var p = 0;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = "@p" + p++.ToString(CultureInfo.InvariantCulture);
                sql.Append(c == 0 ? name : ", " + name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        return command;
    }
}
