using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Persistence;

/// <summary>
/// A few SQLite connections kept open for the hottest reads (a Consent by id, a person's Consents by NHS number), each
/// with its statements prepared once. Through EF every such read opened a pooled connection and prepared its statement
/// again: statement preparation alone was 9% of a search's CPU (decision 23). Used only outside a transaction (a write
/// reads through its own connection, to see its own rows) and only on SQLite; each statement is its own read
/// transaction, so it sees everything committed before it, as a read through EF does.
/// </summary>
public sealed class SqliteReadStatements : IDisposable
{
    // As many as requests read at once under load (wrk's 16 connections): fewer, and a busy node would close and reopen
    // connections, preparing their statements again, on every burst.
    private const int MaxIdle = 16;
    private readonly ConcurrentDictionary<string, ConcurrentBag<Lease>> idle = new(StringComparer.Ordinal);
    private bool disposed;

    /// <summary>An open connection for <paramref name="db"/>'s database, or null when the read must go through EF.</summary>
    public Lease? TryRent(RegistryDbContext db)
    {
        if (disposed || !db.Database.IsSqlite() || db.Database.CurrentTransaction is not null || db.Database.GetConnectionString() is not { } connectionString)
        {
            return null;
        }

        var bag = idle.GetOrAdd(connectionString, _ => []);
        if (bag.TryTake(out var lease))
        {
            return lease;
        }

        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return new Lease(this, bag, connection);
    }

    public void Dispose()
    {
        disposed = true;
        foreach (var bag in idle.Values)
        {
            while (bag.TryTake(out var lease))
            {
                lease.Close();
            }
        }
    }

    private void Return(ConcurrentBag<Lease> bag, Lease lease)
    {
        if (disposed || bag.Count >= MaxIdle)
        {
            lease.Close();
            return;
        }

        bag.Add(lease);
    }

    /// <summary>One open connection and its prepared statements, held by one reader at a time; dispose to give it back.</summary>
    public sealed class Lease(SqliteReadStatements owner, ConcurrentBag<Lease> bag, SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> prepared = new(StringComparer.Ordinal);

        /// <summary>The open connection (tests read its statements' counters).</summary>
        internal SqliteConnection Connection => connection;

        /// <summary>The statement for <paramref name="sql"/>, prepared the first time (its parameters keep their last values: set them all).</summary>
        public SqliteCommand Statement(string sql)
        {
            if (!prepared.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                command.Prepare();
                prepared[sql] = command;
            }

            return command;
        }

        public void Dispose() => owner.Return(bag, this);

        internal void Close()
        {
            foreach (var command in prepared.Values)
            {
                command.Dispose();
            }

            connection.Dispose();
        }
    }
}
