using System.Globalization;
using ConsentApi.Monitoring.Rates;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Detection for the latest complete week on or before a day: each practice's weekly series against its own past
/// (SPC, Poisson, CUSUM) over up to two years, and each policy's funnel of practice rates against the national and
/// regional rates. New findings become flags, each with an open investigation (<see cref="FlagStore"/>).
/// </summary>
public sealed class DetectionJob(RegistryDbContext db, FlagStore flags)
{
    public const int HistoryWeeks = 104;

    public async Task<(int Rows, string Outcome)> RunAsync(DateOnly day, long runId, CancellationToken ct)
    {
        var week = day.AddDays(-(((int)day.DayOfWeek) % 7));
        var weekText = Text(week);
        var from = Text(week.AddDays(-7 * (HistoryWeeks - 1)));
        var rows = await LoadWeeksAsync(from, weekText, ct);
        if (!rows.Any(r => r.WeekEnding == weekText))
        {
            return (0, $"No weekly counts for the week ending {weekText} yet (the rates job stores them when it runs for a Sunday): nothing to judge.");
        }

        var regions = await db.Practices.AsNoTracking().ToDictionaryAsync(p => p.OdsCode, p => p.RegionCode, ct);
        var findings = new List<Finding>();
        foreach (var series in rows.GroupBy(r => (r.OdsCode, r.Policy)))
        {
            var ordered = series.OrderBy(r => r.WeekEnding, StringComparer.Ordinal).ToList();
            if (ordered[^1].WeekEnding != weekText)
            {
                continue;
            }

            findings.AddRange(SeriesDetector.Evaluate(new WeeklySeries(series.Key.OdsCode, series.Key.Policy,
                [.. ordered.Select(r => DateOnly.ParseExact(r.WeekEnding, "yyyy-MM-dd", CultureInfo.InvariantCulture))],
                [.. ordered.Select(r => (double)r.NewObjections)], [.. ordered.Select(r => (long)(r.ListSize ?? 0))])));
        }

        var previousText = Text(week.AddDays(-7));
        foreach (var policy in rows.Select(r => r.Policy).Distinct())
        {
            List<PracticeRate> RatesOn(string w) => [.. rows.Where(r => r.WeekEnding == w && r.Policy == policy && r.ListSize > 0)
                .Select(r => new PracticeRate(r.OdsCode, regions.GetValueOrDefault(r.OdsCode, RateLevels.Unknown), r.ActiveObjectors, r.ListSize!.Value))];
            var previous = RatesOn(previousText);
            findings.AddRange(FunnelDetector.Evaluate(policy, weekText, RatesOn(weekText), previous.Count > 0 ? previous : null));
        }

        var added = await flags.AddAsync(findings, runId, ct);
        var judged = rows.Count(r => r.WeekEnding == weekText);
        return (added, $"Week ending {weekText}: {judged:N0} practice series judged over up to {HistoryWeeks} weeks, {findings.Count:N0} findings, {added:N0} new flags"
            + (findings.Count > added ? $" ({findings.Count - added:N0} already flagged)." : "."));
    }

    private async Task<List<PracticeWeek>> LoadWeeksAsync(string from, string to, CancellationToken ct)
    {
        var all = await db.PracticeWeeks.AsNoTracking()
            .Where(w => string.Compare(w.WeekEnding, from) >= 0 && string.Compare(w.WeekEnding, to) <= 0).ToListAsync(ct);

        // A week recomputed later has a higher revision: only the latest revision of each week counts.
        var latest = all.GroupBy(w => w.WeekEnding).ToDictionary(g => g.Key, g => g.Max(w => w.Revision), StringComparer.Ordinal);
        return [.. all.Where(w => w.Revision == latest[w.WeekEnding])];
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
