using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Population;

/// <summary>
/// Names for ODS organisation codes, so people read "Leeds Road Surgery", not "B86001": the imported practice list
/// first, then the disclosure register's recipients, then the name a registered client system was given.
/// </summary>
public static class OrganisationNames
{
    public static async Task<IReadOnlyDictionary<string, string>> ForAsync(RegistryDbContext db, IEnumerable<string?> odsCodes, CancellationToken ct)
    {
        var codes = odsCodes.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (codes.Count == 0)
        {
            return names;
        }

        foreach (var p in await db.Practices.AsNoTracking().Where(p => codes.Contains(p.OdsCode)).Select(p => new { p.OdsCode, p.Name }).ToListAsync(ct))
        {
            names.TryAdd(p.OdsCode, p.Name);
        }

        var rest = codes.Where(c => !names.ContainsKey(c)).ToList();
        foreach (var d in await db.Disclosures.AsNoTracking().Where(d => rest.Contains(d.RecipientOds)).Select(d => new { d.RecipientOds, d.RecipientName }).ToListAsync(ct))
        {
            names.TryAdd(d.RecipientOds, d.RecipientName);
        }

        rest = [.. codes.Where(c => !names.ContainsKey(c))];
        foreach (var c in (await db.ApiClients.AsNoTracking().Where(c => rest.Contains(c.OdsCode)).Select(c => new { c.OdsCode, c.Name, c.Version }).ToListAsync(ct))
            .OrderByDescending(c => c.Version))
        {
            names.TryAdd(c.OdsCode, c.Name);
        }

        return names;
    }
}
