using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Proxies;

/// <summary>Reads of proxy relationships: the newest version of each.</summary>
public static class ProxyQueries
{
    /// <summary>The newest version of every relationship the person is a party to (as proxy or as subject).</summary>
    public static async Task<List<ProxyRelationship>> ForPersonAsync(this RegistryDbContext db, string nhsNumber, CancellationToken ct)
    {
        var rows = await db.ProxyRelationships.AsNoTracking()
            .Where(p => p.ProxyNhsNumber == nhsNumber || p.SubjectNhsNumber == nhsNumber)
            .ToListAsync(ct);
        return Latest(rows);
    }

    /// <summary>The people this person may act for now: approved relationships within their period.</summary>
    public static async Task<List<string>> ActsForAsync(this RegistryDbContext db, string proxyNhsNumber, long now, CancellationToken ct)
    {
        var rows = await db.ProxyRelationships.AsNoTracking().Where(p => p.ProxyNhsNumber == proxyNhsNumber).ToListAsync(ct);
        return [.. Latest(rows).Where(p => p.IsActiveAt(now)).Select(p => p.SubjectNhsNumber).Distinct()];
    }

    public static async Task<ProxyRelationship?> LatestAsync(this RegistryDbContext db, string id, CancellationToken ct) =>
        await db.ProxyRelationships.AsNoTracking().Where(p => p.Id == id).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);

    /// <summary>Relationships whose newest version is a request, oldest first: the staff's queue.</summary>
    public static async Task<List<ProxyRelationship>> AwaitingApprovalAsync(this RegistryDbContext db, CancellationToken ct)
    {
        var requested = db.ProxyRelationships.Where(p => p.Status == ProxyRelationship.Requested).Select(p => p.Id);
        var rows = await db.ProxyRelationships.AsNoTracking().Where(p => requested.Contains(p.Id)).ToListAsync(ct);
        return [.. Latest(rows).Where(p => p.Status == ProxyRelationship.Requested).OrderBy(p => p.RecordedTicks)];
    }

    private static List<ProxyRelationship> Latest(IEnumerable<ProxyRelationship> rows) =>
        [.. rows.GroupBy(p => p.Id, StringComparer.Ordinal).Select(g => g.MaxBy(p => p.Version)!).OrderBy(p => p.Id, StringComparer.Ordinal)];
}
