using System.Data.Common;
using ConsentApi.Consents.Search;
using ConsentApi.Persistence;

namespace ConsentApi.Consents;

/// <summary>
/// Answers a <see cref="NarrowSearch"/> (one person's Consents by NHS number) with one statement on the indexed
/// patient column, the paging snapshot taken inside it: one round trip where the general path makes two, and no LINQ
/// translated per request (decision 20). It returns what the general path returns, in the same order; the tests
/// compare the two on the same data.
/// </summary>
public static class PatientSearch
{
    // [status?, policy?]: four fixed texts, built once.
    private static readonly string[] Statements = [Build(false, false), Build(true, false), Build(false, true), Build(true, true)];

    /// <summary>
    /// Runs the search on <paramref name="db"/>'s connection (inside its transaction, if one is current), or with
    /// <paramref name="reads"/> on SQLite outside a transaction through a statement prepared once (decision 23).
    /// </summary>
    public static async Task<SearchPage> RunAsync(RegistryDbContext db, NarrowSearch search, int count, CancellationToken ct, SqliteReadStatements? reads = null)
    {
        var text = Statements[(search.Status is null ? 0 : 1) + (search.Policy is null ? 0 : 2)];
        return await DbCommands.ReadAsync(db, reads, text, command => ReadPageAsync(Bind(command, search), search.NhsNumber, count, ct), ct);
    }

    private static DbCommand Bind(DbCommand command, NarrowSearch search)
    {
        DbCommands.Set(command, "@nhs", search.NhsNumber);
        if (search.Status is not null)
        {
            DbCommands.Set(command, "@status", search.Status);
        }

        if (search.Policy is not null)
        {
            DbCommands.Set(command, "@policy", search.Policy);
        }

        return command;
    }

    private static async Task<SearchPage> ReadPageAsync(DbCommand command, string nhsNumber, int count, CancellationToken ct)
    {
        var items = new List<ConsentVersion>();
        long snapshot = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            // One row past the page says whether there is a next page; the rest are not read.
            while (items.Count <= count && await reader.ReadAsync(ct))
            {
                snapshot = reader.GetInt64(0);
                if (!reader.IsDBNull(1))
                {
                    // The columns a searchset entry needs; the patient is the one searched for.
                    items.Add(new ConsentVersion
                    {
                        Seq = reader.GetInt64(1),
                        ResourceId = reader.GetString(2),
                        VersionId = reader.GetInt32(3),
                        LastUpdatedTicks = reader.GetInt64(4),
                        Method = reader.GetString(5),
                        ResourceJson = reader.GetString(6),
                        Status = reader.IsDBNull(7) ? null : reader.GetString(7),
                        PatientNhsNumber = nhsNumber,
                    });
                }
            }
        }

        var hasMore = items.Count > count;
        return new SearchPage(hasMore ? items[..count] : items, hasMore, null, snapshot);
    }

    /// <summary>
    /// The snapshot is the newest sequence number this statement can see, so every row it returns is within it, and the
    /// next page (through the general path) reads the same state. With no match, the one row carries the snapshot alone.
    /// No LIMIT: SQLite (3.48 and later) plans with a bound LIMIT's value, so every new binding of it recompiled the
    /// prepared statement, 8% of a search's CPU (decision 23). One person's Consents are few, and the reader stops one
    /// row past the page.
    /// </summary>
    private static string Build(bool status, bool policy) =>
        "SELECT s.snapshot, v.seq, v.resource_id, v.version_id, v.last_updated_ticks, v.method, v.resource_json, v.status "
        + "FROM (SELECT COALESCE(MAX(seq), 0) AS snapshot FROM consent_versions) s "
        + "LEFT JOIN consent_versions v ON v.patient_nhs_number = @nhs AND NOT v.is_deleted "
        + (status ? "AND v.status = @status " : "")
        + (policy ? "AND EXISTS (SELECT 1 FROM consent_search_tokens t WHERE t.version_seq = v.seq AND t.param = 'policy' AND t.code = @policy) " : "")
        + "AND NOT EXISTS (SELECT 1 FROM consent_versions w WHERE w.resource_id = v.resource_id AND w.seq > v.seq) "
        + "ORDER BY v.last_updated_ticks DESC, v.seq DESC";
}
