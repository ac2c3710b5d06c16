using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Persistence;

/// <summary>
/// Applies the hand-written, per-provider schema scripts embedded under Persistence/Schema/{provider}, in order,
/// each once, recording version and checksum in <c>schema_migrations</c>. A script that was changed after it was
/// applied stops start-up: schema history, like data, is never rewritten.
/// </summary>
public sealed partial class SchemaMigrator(RegistryDbContext db, ILogger<SchemaMigrator> logger)
{
    public static IReadOnlyList<SchemaScript> Scripts(string provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Persistence.Schema.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Load(assembly, n, n[prefix.Length..^4]))
            .ToList();
    }

    private static SchemaScript Load(Assembly assembly, string resource, string name)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd().ReplaceLineEndings("\n");
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        return new SchemaScript(name.Split('_')[0], name, sql, checksum);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var postgres = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!postgres)
            {
                // WAL is a property of the database file: set once, kept for every connection.
                await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", null, cancellationToken);
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (postgres)
            {
                // Two instances starting together: the second waits here, then finds the scripts applied.
                await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(7243110001)", transaction, cancellationToken);
            }

            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version TEXT NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    checksum TEXT NOT NULL,
                    applied_at TEXT NOT NULL)
                """, transaction, cancellationToken);
            var applied = await AppliedAsync(connection, transaction, cancellationToken);
            foreach (var script in Scripts(postgres ? "postgres" : "sqlite"))
            {
                if (applied.TryGetValue(script.Version, out var checksum))
                {
                    if (checksum != script.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Schema script {script.Name} was changed after it was applied (checksum differs). Add a new script instead of editing an applied one.");
                    }

                    continue;
                }

                LogApplying(logger, script.Name);
                await ExecuteAsync(connection, script.Sql, transaction, cancellationToken);
                await ExecuteAsync(connection,
                    $"INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ('{script.Version}', '{script.Name}', '{script.Checksum}', '{DateTimeOffset.UtcNow:O}')",
                    transaction, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<Dictionary<string, string>> AppliedAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version, checksum FROM schema_migrations";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is the registry's own embedded schema scripts, never user input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying schema script {Script}")]
    private static partial void LogApplying(ILogger logger, string script);
}
