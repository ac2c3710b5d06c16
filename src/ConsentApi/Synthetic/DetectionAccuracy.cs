using ConsentApi.Monitoring.Detection;

namespace ConsentApi.Synthetic;

/// <summary>
/// Measures the over-time detectors on synthetic practices (docs/monitoring.md reports the figures): weekly new
/// objections drawn from Poisson with England-like list sizes and practice-to-practice variation; a null set with no
/// change, where every flag is false; and the same series with a spike of a known number of extra objections in the
/// judged week, where every flag of a rise is a detection. Seeded: the same options give the same report.
/// </summary>
public static class DetectionAccuracy
{
    /// <summary>England's weekly new objections per registered person (about 10,000 a week across 60 million).</summary>
    public const double WeeklyRatePerPerson = 1.6e-4;

    public sealed record Report(int Practices, int JudgedWeeks, IReadOnlyDictionary<string, double> FalseFlagsPerThousand, double AnyFalsePerThousand,
        IReadOnlyList<(int Extra, double AnyDetected, IReadOnlyDictionary<string, double> ByMethod)> Detection);

    public static Report Run(int seed, int practices, int historyWeeks, int judgedWeeks, IReadOnlyList<int> spikeSizes)
    {
        var random = new Random(seed);
        var means = Enumerable.Range(0, practices)
            .Select(_ => Math.Max(500, Sampling.LogNormal(random, 9_700, 0.55)) * WeeklyRatePerPerson * Sampling.LogNormal(random, 1, 0.3)).ToArray();
        var weeks = historyWeeks + judgedWeeks;
        var series = means.Select(m => Enumerable.Range(0, weeks).Select(_ => (double)Sampling.Poisson(random, m)).ToArray()).ToArray();
        var falseFlags = new Dictionary<string, int>(StringComparer.Ordinal);
        var anyFalse = 0;
        for (var p = 0; p < practices; p++)
        {
            for (var w = historyWeeks; w < weeks; w++)
            {
                var methods = Judge(series[p][..(w + 1)]);
                anyFalse += methods.Count > 0 ? 1 : 0;
                foreach (var m in methods)
                {
                    falseFlags[m] = falseFlags.GetValueOrDefault(m) + 1;
                }
            }
        }

        var judged = (double)practices * judgedWeeks;
        var detection = spikeSizes.Select(extra =>
        {
            var hits = new Dictionary<string, int>(StringComparer.Ordinal);
            var any = 0;
            for (var p = 0; p < practices; p++)
            {
                var spiked = series[p][..(historyWeeks + 1)];
                spiked[^1] += extra;
                var rises = Judge(spiked, risesOnly: true);
                any += rises.Count > 0 ? 1 : 0;
                foreach (var m in rises)
                {
                    hits[m] = hits.GetValueOrDefault(m) + 1;
                }
            }

            return (extra, (double)any / practices, (IReadOnlyDictionary<string, double>)hits.ToDictionary(h => h.Key, h => (double)h.Value / practices));
        }).ToList();

        return new Report(practices, judgedWeeks, falseFlags.ToDictionary(f => f.Key, f => 1000.0 * f.Value / judged), 1000.0 * anyFalse / judged, detection);
    }

    private static List<string> Judge(double[] values, bool risesOnly = false)
    {
        var weekEnding = Enumerable.Range(0, values.Length).Select(i => new DateOnly(2024, 1, 7).AddDays(7 * i)).ToList();
        var findings = SeriesDetector.Evaluate(new WeeklySeries("P", "policy", weekEnding, values, [.. values.Select(_ => 10_000L)]));
        return [.. findings.Where(f => !risesOnly || f.Up).Select(f => f.Method).Distinct()];
    }
}
