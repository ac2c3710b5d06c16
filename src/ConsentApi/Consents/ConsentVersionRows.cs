using System.Data.Common;
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
    private const string InsertVersion =
        "INSERT INTO consent_versions (resource_id, version_id, is_deleted, last_updated_ticks, method, resource_json, status, "
        + "patient_nhs_number, date_start, date_end, period_start, period_end) "
        + "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11) RETURNING seq";

    /// <summary>Every column of a version, in the order <see cref="Read"/> expects, each prefixed with <c>v.</c>.</summary>
    public const string Columns = "v.seq, v.resource_id, v.version_id, v.is_deleted, v.last_updated_ticks, v.method, v.resource_json, v.status, "
        + "v.patient_nhs_number, v.date_start, v.date_end, v.period_start, v.period_end";

    private static readonly string[] TokenColumns = ["version_seq", "param", "system", "code", "text"];
    private static readonly string[] ReferenceColumns =
        ["version_seq", "param", "target_type", "target_id", "url", "identifier_system", "identifier_value"];

    /// <summary>Inserts the version (setting its <see cref="ConsentVersion.Seq"/>) and its tokens and references.</summary>
    public static async Task InsertAsync(RegistryDbContext db, ConsentVersion version, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("A Consent version is inserted only inside a write transaction.");
        var connection = db.Database.GetDbConnection();
        await using (var command = DbCommands.Create(connection, transaction, InsertVersion, 12))
        {
            object?[] values = [version.ResourceId, version.VersionId, version.IsDeleted, version.LastUpdatedTicks, version.Method,
                version.ResourceJson, version.Status, version.PatientNhsNumber, version.DateStart, version.DateEnd, version.PeriodStart, version.PeriodEnd];
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            version.Seq = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        var tx = transaction.GetDbTransaction();
        await InsertAsync(connection, tx, "consent_search_tokens", TokenColumns,
            version.Tokens.Select(t => new object?[] { version.Seq, t.Param, t.System, t.Code, t.Text }).ToList(), ct);
        await InsertAsync(connection, tx, "consent_search_references", ReferenceColumns,
            version.References.Select(r => new object?[] { version.Seq, r.Param, r.TargetType, r.TargetId, r.Url, r.IdentifierSystem, r.IdentifierValue }).ToList(), ct);
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

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, string table, string[] columns, List<object?[]> rows, CancellationToken ct)
    {
        if (rows.Count > 0)
        {
            await BulkInsert.RowsAsync(connection, transaction, table, columns, rows, ct);
        }
    }
}
