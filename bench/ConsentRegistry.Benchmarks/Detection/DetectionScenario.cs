using ConsentApi.Monitoring.Detection;
using ConsentApi.Monitoring.Rates;
using ConsentApi.Synthetic;

namespace ConsentRegistry.Benchmarks.Detection;

/// <summary>
/// A seeded national scenario for measuring detection (bench/README.md): practices grouped into sub-ICBs (about 12
/// each), ICBs (3 sub-ICBs) and 7 regions, with England-like list sizes (log-normal, median about 8,000, 3% tiny
/// practices of 300–1,500) that drift month by month, and weekly new objections drawn from Poisson at England's
/// rate × a practice effect × the nation's movement × a little extra week-to-week noise per practice. The nation moves:
/// a seasonal swing of ±25%, a news week (×1.8), a Christmas week (×0.45) and a four-week dip (×0.7), plus national
/// noise of 8% a week. Mergers: a practice absorbs a neighbour on a month boundary (its list and objections jump).
/// Anomalies of known size are injected in the judged weeks, each at a different practice or area.
/// </summary>
public sealed class DetectionScenario
{
    public const int Weeks = 80;
    public const int FirstJudged = 20;
    public const double WeeklyRatePerPerson = 1.6e-4;
    public const string Policy = "national-data-opt-out";

    public required IReadOnlyList<DateOnly> WeekEnding { get; init; }
    public required IReadOnlyList<PanelUnit> Practices { get; init; }
    public required IReadOnlyDictionary<string, PracticePlace> Places { get; init; }
    public required IReadOnlyList<ScenarioAnomaly> Anomalies { get; init; }
    public required double[][] Active { get; init; }

    /// <summary>The practices that absorbed another, with the week of the merger; and the tiny practices.</summary>
    public required IReadOnlyDictionary<string, int> Mergers { get; init; }
    public required IReadOnlySet<string> Tiny { get; init; }
    public required double[] National { get; init; }

    public static DetectionScenario Generate(int seed, int practiceCount)
    {
        var random = new Random(seed);
        var weeks = Enumerable.Range(0, Weeks).Select(i => new DateOnly(2025, 1, 5).AddDays(7 * i)).ToArray();
        var national = Enumerable.Range(0, Weeks).Select(t => (1 + 0.25 * Math.Sin(2 * Math.PI * t / 52.0)) * Sampling.LogNormal(random, 1, 0.08)).ToArray();
        national[50] *= 1.8; // a news week
        national[51] *= 1.2;
        national[46] *= 0.45; // Christmas
        for (var t = 62; t < 66; t++)
        {
            national[t] *= 0.7;
        }

        var codes = Enumerable.Range(0, practiceCount).Select(i => $"P{i:00000}").ToArray();
        var places = new Dictionary<string, PracticePlace>(StringComparer.Ordinal);
        for (var i = 0; i < practiceCount; i++)
        {
            var subIcb = i / 12;
            var icb = subIcb / 3;
            places[codes[i]] = new PracticePlace($"S{subIcb:000}", $"I{icb:00}", $"R{icb % 7}");
        }

        var tiny = codes.Where(_ => random.NextDouble() < 0.03).ToHashSet(StringComparer.Ordinal);
        var baseList = codes.Select(c => tiny.Contains(c) ? 300 + random.Next(1200) : Math.Max(1500, Sampling.LogNormal(random, 9_700, 0.55))).ToArray();
        var effect = codes.Select(_ => Sampling.LogNormal(random, 1, 0.3)).ToArray();
        var lists = new double[practiceCount][];
        for (var i = 0; i < practiceCount; i++)
        {
            lists[i] = new double[Weeks];
            var size = baseList[i];
            var growth = random.NextDouble() < 0.1 ? 0.015 : 0.0; // a tenth of practices grow with new housing, 1.5% a month
            for (var t = 0; t < Weeks; t++)
            {
                if (t % 4 == 0)
                {
                    size *= 1 + growth + 0.005 * Sampling.Normal(random);
                }

                lists[i][t] = Math.Round(size);
            }
        }

        // Mergers: practice i absorbs practice i + 1 (same sub-ICB) on a month boundary; the absorbed one's patients keep their own propensity.
        var mergers = new Dictionary<string, int>(StringComparer.Ordinal);
        var absorbed = new Dictionary<int, (int Into, int Week)>();
        foreach (var i in Enumerable.Range(0, practiceCount / 100).Select(k => k * 100 + 37).Where(i => i + 1 < practiceCount))
        {
            var week = FirstJudged + 4 * random.Next(1, (Weeks - FirstJudged) / 4 - 1);
            absorbed[i + 1] = (i, week);
            mergers[codes[i]] = week;
        }

        var mean = new double[practiceCount][];
        for (var i = 0; i < practiceCount; i++)
        {
            mean[i] = Enumerable.Range(0, Weeks).Select(t => WeeklyRatePerPerson * effect[i] * lists[i][t] * national[t]).ToArray();
        }

        foreach (var (gone, (into, week)) in absorbed)
        {
            for (var t = week; t < Weeks; t++)
            {
                mean[into][t] += mean[gone][t];
                lists[into][t] += lists[gone][t];
                mean[gone][t] = 0;
                lists[gone][t] = 0;
            }
        }

        var counts = mean.Select(m => m.Select(mu => (double)Sampling.Poisson(random, mu * Sampling.LogNormal(random, 1, 0.15))).ToArray()).ToArray();
        var anomalies = Inject(random, codes, places, mean, counts, absorbed.Keys.Concat(absorbed.Values.Select(v => v.Into)).ToHashSet());
        var active = new double[practiceCount][];
        for (var i = 0; i < practiceCount; i++)
        {
            active[i] = new double[Weeks];
            var standing = baseList[i] * 0.045 * effect[i];
            for (var t = 0; t < Weeks; t++)
            {
                standing += counts[i][t];
                active[i][t] = lists[i][t] > 0 ? Math.Round(standing) : 0;
            }
        }

        foreach (var (gone, (into, week)) in absorbed)
        {
            for (var t = week; t < Weeks; t++)
            {
                active[into][t] += active[gone][week - 1];
            }
        }

        var units = Enumerable.Range(0, practiceCount).Select(i => new PanelUnit(RateLevels.Practice, codes[i], counts[i], lists[i],
            [places[codes[i]].SubIcb, places[codes[i]].Icb, places[codes[i]].Region], [codes[i]])).ToList();
        return new DetectionScenario
        {
            WeekEnding = weeks,
            Practices = units,
            Places = places,
            Anomalies = anomalies,
            Active = active,
            Mergers = mergers,
            Tiny = tiny,
            National = national,
        };
    }

    /// <summary>
    /// Spikes of 2×, 3×, 5× and 10× at practices expecting 1–3 and 4 or more a week, surges (2× for 8 weeks) at
    /// practices expecting 4–6 a week, drops to zero for three weeks at practices expecting 6 or more, and 3×
    /// spikes across whole sub-ICBs; the injected counts are the multiple of the true expectation, rounded.
    /// </summary>
    private static List<ScenarioAnomaly> Inject(Random random, string[] codes, Dictionary<string, PracticePlace> places, double[][] mean, double[][] counts,
        HashSet<int> merging)
    {
        var anomalies = new List<ScenarioAnomaly>();
        var used = new HashSet<int>(merging);
        var usedAreas = new HashSet<string>(StringComparer.Ordinal);
        int? Pick(Func<double, bool> level, int start)
        {
            var candidates = Enumerable.Range(0, codes.Length).Where(i => !used.Contains(i) && !usedAreas.Contains(places[codes[i]].SubIcb)
                && mean[i][start] > 0 && level(mean[i][start])).ToList();
            return candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)];
        }

        void Add(string kind, Func<double, bool> level, double multiplier, int length)
        {
            var start = random.Next(DetectionScenario.FirstJudged + 2, Weeks - length);
            if (Pick(level, start) is not { } i)
            {
                return;
            }

            used.Add(i);
            for (var t = start; t < start + length; t++)
            {
                counts[i][t] = Math.Round(multiplier * mean[i][t]);
            }

            anomalies.Add(new ScenarioAnomaly(kind, codes[i], RateLevels.Practice, start, length, multiplier, mean[i][start], [codes[i]]));
        }

        var areas = places.Values.Select(p => p.SubIcb).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        for (var k = 0; k < Math.Max(2, codes.Length / 500); k++)
        {
            var area = areas[random.Next(areas.Count)];
            var members = Enumerable.Range(0, codes.Length).Where(i => places[codes[i]].SubIcb == area).ToList();
            if (!usedAreas.Add(area) || members.Any(used.Contains))
            {
                continue;
            }

            var start = random.Next(DetectionScenario.FirstJudged + 2, Weeks - 1);
            foreach (var i in members)
            {
                used.Add(i);
                counts[i][start] = Math.Round(3 * mean[i][start]);
            }

            anomalies.Add(new ScenarioAnomaly("area spike", area, RateLevels.SubIcb, start, 1, 3, members.Sum(i => mean[i][start]), [.. members.Select(i => codes[i])]));
        }


        var perSize = Math.Max(2, codes.Length / 250);
        foreach (var multiplier in (double[])[2, 3, 5, 10])
        {
            for (var k = 0; k < perSize; k++)
            {
                Add("spike", m => m >= 4, multiplier, 1);
                Add("spike (expected 1–3)", m => m is >= 1 and < 3, multiplier, 1);
            }
        }

        for (var k = 0; k < perSize; k++)
        {
            Add("surge", m => m is >= 4 and <= 6, 2, 8);
            Add("drop", m => m >= 6, 0, 3);
        }

        return anomalies;
    }
}
