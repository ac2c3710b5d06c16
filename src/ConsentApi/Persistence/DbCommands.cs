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

    public static Task<int> ExecuteAsync(DbCommand command, CancellationToken ct, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQueryAsync(ct);
    }
}
