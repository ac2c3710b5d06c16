using System.Data.Common;
using System.Globalization;
using System.Text;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConsentApi.Consents;

/// <summary>
/// Consent versions in plain SQL, for the paths where EF cost more than the statement: the column list and row mapping
/// of read and vread, and the insert of one version and its search rows, which every Consent write runs inside the
/// shared transaction where writers take turns (decision 22). EF's change tracking there cost more than the inserts.
/// </summary>
internal static class ConsentVersionRows
{
    private const string InsertVersionHead =
        "INSERT INTO consent_versions (resource_id, version_id, is_deleted, last_updated_ticks, method, resource_json, status, "
        + "patient_nhs_number, date_start, date_end, period_start, period_end)";

    private const string InsertVersion = InsertVersionHead + " VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11) RETURNING seq";

    /// <summary>Every column of a version, in the order <see cref="Read"/> expects, each prefixed with <c>v.</c>.</summary>
    public const string Columns = "v.seq, v.resource_id, v.version_id, v.is_deleted, v.last_updated_ticks, v.method, v.resource_json, v.status, "
        + "v.patient_nhs_number, v.date_start, v.date_end, v.period_start, v.period_end";

    /// <summary>
    /// Casts for the version's values on PostgreSQL. In the guarded form they are a SELECT list, where a null parameter
    /// has no type and would be taken as text; the nullable numeric columns say theirs (the text ones need none, and the
    /// others are never null). In the VALUES form they change nothing.
    /// </summary>
    private static readonly string[] SelectCasts = ["", "", "", "", "", "", "", "", "::bigint", "::bigint", "::bigint", "::bigint"];

    private static readonly string[] TokenColumns = ["version_seq", "param", "system", "code", "text"];
    private static readonly string[] ReferenceColumns =
        ["version_seq", "param", "target_type", "target_id", "url", "identifier_system", "identifier_value"];

    /// <summary>
    /// Inserts the version (setting its <see cref="ConsentVersion.Seq"/>) and its tokens and references, unless
    /// <paramref name="guard"/> (a query for the id of a Consent that rules the write out, its parameters from @p0)
    /// finds one: then nothing is inserted and that id is returned.
    /// </summary>
    public static async Task<string?> InsertAsync(RegistryDbContext db, ConsentVersion version, VersionGuard? guard, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("A Consent version is inserted only inside a write transaction.");
        var connection = db.Database.GetDbConnection();
        if (db.Database.IsNpgsql())
        {
            return await InsertInOneTripAsync(connection, transaction, version, guard, ct);
        }

        if (guard is not null)
        {
            await using var check = DbCommands.Create(connection, transaction, guard.Sql, guard.Values.Count);
            DbCommands.Bind(check, guard.Values);
            if (await check.ExecuteScalarAsync(ct) is string existing)
            {
                return existing;
            }
        }

        await using (var command = DbCommands.Create(connection, transaction, InsertVersion, 12))
        {
            DbCommands.Bind(command, VersionValues(version));
            version.Seq = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        var tx = transaction.GetDbTransaction();
        await InsertAsync(connection, tx, "consent_search_tokens", TokenColumns,
            version.Tokens.Select(t => new object?[] { version.Seq, t.Param, t.System, t.Code, t.Text }).ToList(), ct);
        await InsertAsync(connection, tx, "consent_search_references", ReferenceColumns,
            version.References.Select(r => new object?[] { version.Seq, r.Param, r.TargetType, r.TargetId, r.Url, r.IdentifierSystem, r.IdentifierValue }).ToList(), ct);
        return null;
    }

    /// <summary>The version in the reader's current row, its <see cref="Columns"/> starting at <paramref name="first"/>.</summary>
    public static ConsentVersion Read(DbDataReader reader, int first) => new()
    {
        Seq = reader.GetInt64(first),
        ResourceId = reader.GetString(first + 1),
        VersionId = reader.GetInt32(first + 2),
        IsDeleted = reader.GetBoolean(first + 3),
        LastUpdatedTicks = reader.GetInt64(first + 4),
        Method = reader.GetString(first + 5),
        ResourceJson = reader.IsDBNull(first + 6) ? null : reader.GetString(first + 6),
        Status = reader.IsDBNull(first + 7) ? null : reader.GetString(first + 7),
        PatientNhsNumber = reader.IsDBNull(first + 8) ? null : reader.GetString(first + 8),
        DateStart = reader.IsDBNull(first + 9) ? null : reader.GetInt64(first + 9),
        DateEnd = reader.IsDBNull(first + 10) ? null : reader.GetInt64(first + 10),
        PeriodStart = reader.IsDBNull(first + 11) ? null : reader.GetInt64(first + 11),
        PeriodEnd = reader.IsDBNull(first + 12) ? null : reader.GetInt64(first + 12),
    };

    /// <summary>
    /// PostgreSQL: the guard, the version and its search rows in one statement, so one round trip (a write holds the
    /// batch's turn while it waits for each). The version is inserted only if the guard finds nothing; the search rows
    /// take its seq from its insert. PostgreSQL runs each data-modifying WITH clause once, whether or not the final
    /// SELECT reads it.
    /// </summary>
    private static async Task<string?> InsertInOneTripAsync(DbConnection connection, IDbContextTransaction transaction, ConsentVersion version,
        VersionGuard? guard, CancellationToken ct)
    {
        var values = new List<object?>(guard?.Values ?? []);
        var sql = new StringBuilder("WITH ");
        if (guard is not null)
        {
            sql.Append("dup AS (").Append(guard.Sql).Append("), ");
        }

        sql.Append("nv AS (").Append(InsertVersionHead).Append(guard is null ? " VALUES (" : " SELECT ");
        var versionValues = VersionValues(version);
        for (var i = 0; i < versionValues.Length; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"@p{values.Count}{SelectCasts[i]}");
            values.Add(versionValues[i]);
        }

        sql.Append(guard is null ? ")" : " WHERE NOT EXISTS (SELECT 1 FROM dup)").Append(" RETURNING seq)");
        AppendRows(sql, values, "t", "consent_search_tokens", TokenColumns, version.Tokens.Select(t => new object?[] { t.Param, t.System, t.Code, t.Text }));
        AppendRows(sql, values, "r", "consent_search_references", ReferenceColumns,
            version.References.Select(r => new object?[] { r.Param, r.TargetType, r.TargetId, r.Url, r.IdentifierSystem, r.IdentifierValue }));
        sql.Append(" SELECT (SELECT seq FROM nv), ").Append(guard is null ? "NULL::text" : "(SELECT resource_id FROM dup)");
        await using var command = DbCommands.Create(connection, transaction, sql.ToString(), values.Count);
        DbCommands.Bind(command, values);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (!reader.IsDBNull(1))
        {
            return reader.GetString(1);
        }

        version.Seq = reader.GetInt64(0);
        return null;
    }

    /// <summary>The version's column values, in <see cref="InsertVersionHead"/>'s order.</summary>
    private static object?[] VersionValues(ConsentVersion v) =>
        [v.ResourceId, v.VersionId, v.IsDeleted, v.LastUpdatedTicks, v.Method, v.ResourceJson, v.Status, v.PatientNhsNumber, v.DateStart, v.DateEnd, v.PeriodStart, v.PeriodEnd];

    /// <summary>Appends <c>, name AS (INSERT INTO table (version_seq, ...) SELECT nv.seq, x.* FROM nv, (VALUES ...) x)</c> for the rows, if any.</summary>
    private static void AppendRows(StringBuilder sql, List<object?> values, string name, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        var first = true;
        foreach (var row in rows)
        {
            if (first)
            {
                sql.Append(CultureInfo.InvariantCulture, $", {name} AS (INSERT INTO {table} ({string.Join(", ", columns)}) SELECT nv.seq, x.* FROM nv, (VALUES ");
                first = false;
            }
            else
            {
                sql.Append(", ");
            }

            sql.Append('(');
            for (var c = 0; c < row.Length; c++)
            {
                sql.Append(c == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"@p{values.Count}");
                values.Add(row[c]);
            }

            sql.Append(')');
        }

        if (!first)
        {
            sql.Append(CultureInfo.InvariantCulture, $") AS x ({string.Join(", ", columns.Skip(1))}))");
        }
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, string table, string[] columns, List<object?[]> rows, CancellationToken ct)
    {
        if (rows.Count > 0)
        {
            await BulkInsert.RowsAsync(connection, transaction, table, columns, rows, ct);
        }
    }
}
