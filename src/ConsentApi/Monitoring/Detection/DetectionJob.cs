using System.Globalization;
using ConsentApi.Monitoring.Rates;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Detection for the latest complete week on or before a day. Per policy: every practice, sub-ICB, ICB and region
/// against its own past scaled by the rest of the nation's movement that week (<see cref="PanelDetector"/>, up to two
/// years of weekly counts), and the funnel of practices' active-objector rates against the national and regional
/// rates. New findings become flags grouped into episodes, each with one open investigation (<see cref="FlagStore"/>).
/// </summary>
public sealed class DetectionJob(RegistryDbContext db, FlagStore flags)
{
    public const int HistoryWeeks = 104;

    private sealed record Point(int Week, int Revision, double NewObjections, long ActiveObjectors, long ListSize);

    public async Task<(int Rows, string Outcome)> RunAsync(DateOnly day, long runId, CancellationToken ct)
    {
        var week = day.AddDays(-(((int)day.DayOfWeek) % 7));
        var weeks = Enumerable.Range(0, HistoryWeeks).Select(i => week.AddDays(-7 * (HistoryWeeks - 1 - i))).ToArray();
        var series = await LoadAsync(weeks, ct);
        var last = HistoryWeeks - 1;
        var weekText = Text(week);
        if (!series.Values.Any(s => s.Count > 0 && s[^1].Week == last))
        {
            return (0, $"No weekly counts for the week ending {weekText} yet (the rates job stores them when it runs for a Sunday): nothing to judge.");
        }

        var places = await db.Practices.AsNoTracking()
            .ToDictionaryAsync(p => p.OdsCode, p => new PracticePlace(p.SubIcbCode, p.IcbCode, p.RegionCode), StringComparer.Ordinal, ct);
        var findings = new List<Finding>();
        var judged = 0;
        var dispersion = new List<string>();
        foreach (var policy in series.Keys.Select(k => k.Policy).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var units = series.Where(s => s.Key.Policy == policy).OrderBy(s => s.Key.Ods, StringComparer.Ordinal)
                .Select(s => Unit(s.Key.Ods, s.Value, places)).ToList();
            var judgement = PanelDetector.Judge(new WeeklyPanel(policy, weeks, units), places, last);
            judged += judgement.PracticesJudged;
            findings.AddRange(judgement.Findings);
            dispersion.Add(string.Create(CultureInfo.InvariantCulture,
                $"{policy}: England at {judgement.NationalFactor:0.00} of its usual level, practice dispersion {judgement.Dispersions.GetValueOrDefault(RateLevels.Practice, 1):0.00}"));

            List<PracticeRate> RatesOn(int w) => [.. series.Where(s => s.Key.Policy == policy)
                .Select(s => (s.Key.Ods, Point: s.Value.LastOrDefault(p => p.Week == w)))
                .Where(x => x.Point is { ListSize: > 0 })
                .Select(x => new PracticeRate(x.Ods, places.GetValueOrDefault(x.Ods)?.Region ?? RateLevels.Unknown, x.Point!.ActiveObjectors, x.Point.ListSize))];
            findings.AddRange(FunnelDetector.Evaluate(policy, weekText, RatesOn(last), [.. Enumerable.Range(1, FunnelDetector.QuietWeeks).Select(k => RatesOn(last - k))])
                .Select(f => f with { Within = Within(f.Area, places) }));
        }

        var added = await flags.AddAsync(findings, runId, ct);
        return (added, $"Week ending {weekText}: {judged:N0} practice series judged over up to {HistoryWeeks} weeks, allowing for England's movement "
            + $"({string.Join("; ", dispersion)}), {findings.Count:N0} findings, {added:N0} new flags"
            + (findings.Count > added ? $" ({findings.Count - added:N0} already flagged)." : "."));
    }

    /// <summary>A practice's counts and list sizes over every week of the window: 0 for a week it has no row (no objectors that week).</summary>
    private static PanelUnit Unit(string ods, List<Point> points, Dictionary<string, PracticePlace> places)
    {
        var counts = new double[HistoryWeeks];
        var lists = new double[HistoryWeeks];
        foreach (var point in points)
        {
            counts[point.Week] = point.NewObjections;
            lists[point.Week] = point.ListSize;
        }

        return new PanelUnit(RateLevels.Practice, ods, counts, lists, Within(ods, places), [ods]);
    }

    private static IReadOnlyList<string> Within(string ods, Dictionary<string, PracticePlace> places) =>
        places.TryGetValue(ods, out var place) ? [place.SubIcb, place.Icb, place.Region] : [];

    /// <summary>
    /// Every practice's series over the weeks, oldest first, from the latest revision of each week. Read in one pass
    /// with a plain reader: two years of England is 2.6 million rows.
    /// </summary>
    private async Task<Dictionary<(string Ods, string Policy), List<Point>>> LoadAsync(DateOnly[] weeks, CancellationToken ct)
    {
        var index = weeks.Select((w, i) => (Text(w), i)).ToDictionary(x => x.Item1, x => x.i, StringComparer.Ordinal);
        var latest = new int[weeks.Length];
        var series = new Dictionary<(string, string), List<Point>>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // The whole table in storage order, weeks outside the window skipped here: a range on the key made SQLite
            // fetch each of millions of rows through the index, several times slower than reading the table straight.
            await using var command = DbCommands.Create(db.Database.GetDbConnection(), null,
                "SELECT week_ending, revision, ods_code, policy, new_objections, active_objectors, list_size FROM practice_weeks", 0);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var weekText = reader.GetString(0);
                if (!index.TryGetValue(weekText, out var w))
                {
                    continue;
                }

                var revision = reader.GetInt32(1);
                latest[w] = Math.Max(latest[w], revision);

                var key = (reader.GetString(2), reader.GetString(3));
                if (!series.TryGetValue(key, out var points))
                {
                    points = new List<Point>(weeks.Length);
                    series[key] = points;
                }

                points.Add(new Point(w, revision, reader.GetInt32(4), reader.GetInt32(5), reader.IsDBNull(6) ? 0 : reader.GetInt32(6)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        // A week recomputed later has a higher revision: only the latest revision of each week counts.
        foreach (var points in series.Values)
        {
            points.RemoveAll(p => p.Revision != latest[p.Week]);
            points.Sort((a, b) => a.Week.CompareTo(b.Week));
        }

        return series.Where(s => s.Value.Count > 0).ToDictionary();
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
