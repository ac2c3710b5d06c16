using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConsentApi.Persistence;

/// <summary>
/// Plain ADO.NET commands for the few bulk paths that bypass EF Core (audit batches, bulk-check chunks and their
/// fan-out): positional parameters @p0, @p1..., created once and executed many times inside a transaction.
/// </summary>
public static class DbCommands
{
    /// <summary>
    /// The most parameters one multi-row statement should carry on this connection. Microsoft.Data.Sqlite binds every
    /// parameter by name, and SQLite finds a name by walking the statement's list of names, so binding n parameters
    /// costs n²/2 string comparisons: a 64-row audit statement of 960 parameters spent about 2 ms on it, a third of the
    /// server's time under $evaluate load (perf: strncmp and sqlite3VListNameToNum). On SQLite a statement stays near
    /// 64 parameters; Npgsql binds by position, and there a statement is a round trip worth filling.
    /// </summary>
    public static int ParameterBudget(DbConnection connection) => connection is SqliteConnection ? 64 : 2000;

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

    /// <summary>Gives the named parameter its value, adding the parameter the first time (a prepared command keeps it).</summary>
    public static void Set(DbCommand command, string name, object? value)
    {
        if (!command.Parameters.Contains(name))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        command.Parameters[name].Value = value ?? DBNull.Value;
    }

    /// <summary>
    /// Runs one of the hot reads whose SQL is written out (decisions 20, 23 and 27): with <paramref name="reads"/>, on
    /// SQLite outside a transaction, through a statement prepared once on one of its connections; otherwise on the
    /// context's own connection, inside its transaction if one is current, without EF's query pipeline. That connection is
    /// opened through the context, so its interceptors and settings apply, and closed (back to the pool) afterwards.
    /// <paramref name="run"/> sets every parameter: a prepared statement keeps the values of its last run.
    /// </summary>
    public static async Task<T> ReadAsync<T>(RegistryDbContext db, SqliteReadStatements? reads, string sql, Func<DbCommand, Task<T>> run, CancellationToken ct)
    {
        if (reads?.TryRent(db) is { } lease)
        {
            using (lease)
            {
                return await run(lease.Statement(sql));
            }
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            return await run(command);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static Task<int> ExecuteAsync(DbCommand command, CancellationToken ct, params object?[] values)
    {
        Bind(command, values);
        return command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Gives the command's positional parameters (made by <see cref="Create"/>) these values, a null as DBNull.</summary>
    public static void Bind(DbCommand command, IReadOnlyList<object?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
