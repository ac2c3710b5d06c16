using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring.Rates;

/// <summary>
/// A month's list sizes by practice, sex and age band, held in memory once read: a publication never changes once
/// imported (append-only), so the daily run reads the month's quarter-million rows once, not daily.
/// </summary>
public sealed class ListSizeCache
{
    private readonly Lock gate = new();
    private (string ExtractDate, IReadOnlyDictionary<(string Ods, string Sex, string Band), int> Sizes)? held;

    /// <summary>The latest publication on or before <paramref name="day"/> (null date when none has been imported).</summary>
    public async Task<(string? ExtractDate, IReadOnlyDictionary<(string Ods, string Sex, string Band), int> Sizes)> ForDayAsync(RegistryDbContext db,
        string day, CancellationToken ct)
    {
        var date = await db.ListSizeImports.AsNoTracking().Where(i => string.Compare(i.ExtractDate, day) <= 0)
            .OrderByDescending(i => i.ExtractDate).Select(i => i.ExtractDate).FirstOrDefaultAsync(ct);
        if (date is null)
        {
            return (null, new Dictionary<(string, string, string), int>());
        }

        lock (gate)
        {
            if (held is { } h && h.ExtractDate == date)
            {
                return (date, h.Sizes);
            }
        }

        var rows = await db.ListSizes.AsNoTracking().Where(l => l.ExtractDate == date)
            .Select(l => new { l.OdsCode, l.Sex, l.AgeBand, l.Patients }).ToListAsync(ct);
        var sizes = rows.ToDictionary(r => (r.OdsCode, r.Sex, r.AgeBand), r => r.Patients);
        lock (gate)
        {
            held = (date, sizes);
        }

        return (date, sizes);
    }
}
