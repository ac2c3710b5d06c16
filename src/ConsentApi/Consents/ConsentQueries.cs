using System.Linq.Expressions;
using ConsentApi.Consents.Search;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Consents;

/// <summary>
/// Reads over the append-only versions. "Current" means the newest version of a resource among rows up to a
/// snapshot (a global sequence number), so a search and all its pages see one consistent state of the register.
/// </summary>
public static class ConsentQueries
{
    private const string LatestSql = "SELECT " + ConsentVersionRows.Columns + " FROM consent_versions v WHERE v.resource_id = @id ORDER BY v.version_id DESC LIMIT 1";
    private const string ByVersionSql = "SELECT " + ConsentVersionRows.Columns + " FROM consent_versions v WHERE v.resource_id = @id AND v.version_id = @version";

    /// <summary>
    /// The newest version of a Consent, or null when there is none the caller may see. In plain SQL on every provider
    /// (decision 27); with <paramref name="reads"/> through a statement prepared once (decision 23).
    /// </summary>
    public static async Task<ConsentVersion?> LatestAsync(this RegistryDbContext db, string id, PersonScope scope, CancellationToken ct,
        SqliteReadStatements? reads = null) =>
        await db.VisibleToAsync(await DbCommands.ReadAsync(db, reads, LatestSql, command => ReadOneAsync(command, ct, ("@id", id)), ct), scope, ct);

    /// <summary>One version of a Consent, or null when it does not exist or is not one the caller may see.</summary>
    public static async Task<ConsentVersion?> VersionAsync(this RegistryDbContext db, string id, int versionId, PersonScope scope, CancellationToken ct,
        SqliteReadStatements? reads = null) =>
        await db.VisibleToAsync(
            await DbCommands.ReadAsync(db, reads, ByVersionSql, command => ReadOneAsync(command, ct, ("@id", id), ("@version", versionId)), ct), scope, ct);

    /// <summary>The version in the statement's first row, with the given parameter values.</summary>
    private static async Task<ConsentVersion?> ReadOneAsync(System.Data.Common.DbCommand command, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            DbCommands.Set(command, name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ConsentVersionRows.Read(reader, 0) : null;
    }

    /// <summary>The scope applied to one version: the version, or null when the caller may not see it.</summary>
    public static async Task<ConsentVersion?> VisibleToAsync(this RegistryDbContext db, ConsentVersion? version, PersonScope scope, CancellationToken ct) =>
        version is null || !scope.IsRestricted || scope.Sees(version.PatientNhsNumber)
        || (version.PatientNhsNumber is null && scope.Sees(await db.SubjectOfAsync(version, ct)))
            ? version
            : null;

    /// <summary>
    /// Whose Consent a version is. A deletion marker carries no patient: it belongs to whoever the version before it
    /// belonged to (so a patient sees their own deletion, nobody else's, and its reads are audited against them).
    /// </summary>
    public static async Task<string?> SubjectOfAsync(this RegistryDbContext db, ConsentVersion version, CancellationToken ct) =>
        version.PatientNhsNumber ?? (version.IsDeleted && version.VersionId > 1
            ? await db.ConsentVersions.AsNoTracking().Where(v => v.ResourceId == version.ResourceId && v.VersionId == version.VersionId - 1)
                .Select(v => v.PatientNhsNumber).FirstOrDefaultAsync(ct)
            : null);

    /// <summary>Versions the scope lets the caller see (deletion markers follow the version before them).</summary>
    private static IQueryable<ConsentVersion> Within(this IQueryable<ConsentVersion> query, RegistryDbContext db, PersonScope scope)
    {
        if (scope.People is not { } people)
        {
            return query;
        }

        var numbers = people.ToList();
        return query.Where(v => (v.PatientNhsNumber != null && numbers.Contains(v.PatientNhsNumber))
            || (v.IsDeleted && v.PatientNhsNumber == null && db.ConsentVersions.Any(w => w.ResourceId == v.ResourceId && w.VersionId == v.VersionId - 1
                && w.PatientNhsNumber != null && numbers.Contains(w.PatientNhsNumber))));
    }

    public static async Task<long> CurrentSnapshotAsync(this RegistryDbContext db, CancellationToken ct) =>
        await db.ConsentVersions.MaxAsync(v => (long?)v.Seq, ct) ?? 0;

    /// <summary>Whether the caller may see any version of the Consent.</summary>
    public static Task<bool> AnyVisibleAsync(this RegistryDbContext db, string id, PersonScope scope, CancellationToken ct) =>
        db.ConsentVersions.AsNoTracking().Where(v => v.ResourceId == id).Within(db, scope).AnyAsync(ct);

    /// <summary>The live (not deleted) current version of every Consent as of <paramref name="snapshot"/> (unscoped: the registry's own checks).</summary>
    public static IQueryable<ConsentVersion> Current(this RegistryDbContext db, long snapshot) =>
        db.ConsentVersions.AsNoTracking().Where(v => v.Seq <= snapshot && !v.IsDeleted
            && !db.ConsentVersions.Any(w => w.ResourceId == v.ResourceId && w.Seq > v.Seq && w.Seq <= snapshot));

    /// <summary>A search, over the live versions the scope lets the caller see.</summary>
    public static async Task<SearchPage> SearchAsync(this RegistryDbContext db, SearchRequest request, PersonScope scope, CancellationToken ct,
        SqliteReadStatements? reads = null)
    {
        if (!scope.IsRestricted && request.Narrow is { } narrow)
        {
            return await PatientSearch.RunAsync(db, narrow, request.Count, ct, reads);
        }

        var snapshot = request.Snapshot ?? await db.CurrentSnapshotAsync(ct);
        var query = db.Current(snapshot).Within(db, scope);
        var semiJoins = new SemiJoins(db);
        for (var i = 0; i < request.Filters.Count; i++)
        {
            query = query.Where(i == request.DriverIndex ? semiJoins.Rewrite(request.Filters[i]) : request.Filters[i]);
        }

        int? total = request.IncludeTotal || request.SummaryCount ? await query.CountAsync(ct) : null;
        if (request.SummaryCount || request.Count == 0)
        {
            return new SearchPage([], false, total, snapshot);
        }

        var items = await Sort(query, request.Sort).Skip(request.Offset).Take(request.Count + 1).ToListAsync(ct);
        var hasMore = items.Count > request.Count;
        return new SearchPage(hasMore ? items[..request.Count] : items, hasMore, total, snapshot);
    }

    /// <summary>
    /// Versions for _history (one resource or all), newest first, as of a snapshot: each version judged on its own, so a
    /// Consent moved from one person to another shows each person only the versions that were theirs.
    /// </summary>
    public static async Task<SearchPage> HistoryAsync(this RegistryDbContext db, string? id, long? sinceTicks, int count, int offset,
        long? snapshotToken, PersonScope scope, CancellationToken ct)
    {
        var snapshot = snapshotToken ?? await db.CurrentSnapshotAsync(ct);
        var query = db.ConsentVersions.AsNoTracking().Where(v => v.Seq <= snapshot).Within(db, scope);
        if (id is not null)
        {
            query = query.Where(v => v.ResourceId == id);
        }

        if (sinceTicks is { } since)
        {
            query = query.Where(v => v.LastUpdatedTicks >= since);
        }

        var items = await query.OrderByDescending(v => v.Seq).Skip(offset).Take(count + 1).ToListAsync(ct);
        var hasMore = items.Count > count;
        return new SearchPage(hasMore ? items[..count] : items, hasMore, null, snapshot);
    }

    private static IQueryable<ConsentVersion> Sort(IQueryable<ConsentVersion> query, List<(string Field, bool Descending)> sort)
    {
        if (sort.Count == 0)
        {
            return query.OrderByDescending(v => v.LastUpdatedTicks).ThenByDescending(v => v.Seq);
        }

        IOrderedQueryable<ConsentVersion>? ordered = null;
        foreach (var (field, descending) in sort)
        {
            ordered = field switch
            {
                "_id" => Then(query, ordered, v => v.ResourceId, descending),
                "status" => Then(query, ordered, v => v.Status, descending),
                "date" => Then(query, ordered, v => v.DateStart, descending),
                "period" => Then(query, ordered, v => v.PeriodStart, descending),
                _ => Then(query, ordered, v => (long?)v.LastUpdatedTicks, descending),
            };
        }

        return ordered!.ThenBy(v => v.Seq);
    }

    private static IOrderedQueryable<ConsentVersion> Then<TKey>(IQueryable<ConsentVersion> query, IOrderedQueryable<ConsentVersion>? ordered,
        Expression<Func<ConsentVersion, TKey>> key, bool descending) => ordered is null
        ? descending ? query.OrderByDescending(key) : query.OrderBy(key)
        : descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
}
