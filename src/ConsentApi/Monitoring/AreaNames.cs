using ConsentApi.Monitoring.Rates;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring;

/// <summary>Names of areas at each level, from the practice list (the mapping file of the list-size publication).</summary>
public static class AreaNames
{
    public static AreaName Unnamed(string code) => new(code == RateLevels.Unknown ? "Practice not in the practice list" : code, null, null, null);

    public static async Task<Dictionary<string, AreaName>> LoadAsync(RegistryDbContext db, string level, CancellationToken ct) =>
        Of(await db.Practices.AsNoTracking().ToListAsync(ct), level);

    /// <summary>Every level's names from one read of the practice list, keyed "level|code".</summary>
    public static async Task<Dictionary<string, AreaName>> LoadEveryLevelAsync(RegistryDbContext db, CancellationToken ct)
    {
        var practices = await db.Practices.AsNoTracking().ToListAsync(ct);
        return RateLevels.Ordered.SelectMany(level => Of(practices, level).Select(n => (Key: level + "|" + n.Key, n.Value)))
            .ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
    }

    private static Dictionary<string, AreaName> Of(List<Population.Practice> practices, string level)
    {
        IEnumerable<(string Code, AreaName Name)> named = level switch
        {
            RateLevels.Practice => practices.Select(p => (p.OdsCode, new AreaName(p.Name, p.RegionCode, p.IcbCode, p.SubIcbCode))),
            RateLevels.SubIcb => practices.Select(p => (p.SubIcbCode, new AreaName(p.SubIcbName, p.RegionCode, p.IcbCode, p.SubIcbCode))),
            RateLevels.Icb => practices.Select(p => (p.IcbCode, new AreaName(p.IcbName, p.RegionCode, p.IcbCode, null))),
            RateLevels.Region => practices.Select(p => (p.RegionCode, new AreaName(p.RegionName, p.RegionCode, null, null))),
            _ => [(RateLevels.EnglandCode, new AreaName("England", null, null, null))],
        };
        var names = new Dictionary<string, AreaName>(StringComparer.Ordinal);
        foreach (var (code, name) in named)
        {
            names.TryAdd(code, name);
        }

        return names;
    }
}
