using System.Globalization;

namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Judges the latest week of a practice's series against its own past with three methods (docs/monitoring.md):
/// the SPC rules, a Poisson exceedance and a two-sided CUSUM. Rises and drops both count: a supplier fault that
/// stops objections arriving looks like a drop.
/// </summary>
public static class SeriesDetector
{
    /// <summary>Weeks of history the SPC limits and the CUSUM baseline use (before the recent window).</summary>
    public const int BaselineWeeks = 52;

    /// <summary>Weeks whose average is the Poisson expectation for the latest week.</summary>
    public const int PoissonWeeks = 12;
    public const int PoissonMinimumWeeks = 8;

    /// <summary>Below this many a week on average, XmR limits on raw counts are all noise: only the count methods speak.</summary>
    public const double SpcMinimumMean = 5;

    /// <summary>An expectation is never taken below half an objection a week (a quiet practice is not "expected zero").</summary>
    public const double MinimumExpected = 0.5;
    public const double Alpha = 0.001;
    public const int CusumWindow = 8;

    public static IReadOnlyList<Finding> Evaluate(WeeklySeries series)
    {
        var findings = new List<Finding>(2);
        var n = series.NewObjections.Count;
        if (n < 2)
        {
            return findings;
        }

        var period = series.WeekEnding[^1].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var observed = series.NewObjections[^1];
        Spc(series, period, observed, findings);
        PoissonExceedance(series, period, observed, findings);
        CusumAlarm(series, period, observed, findings);
        return findings;
    }

    private static void Spc(WeeklySeries series, string period, double observed, List<Finding> findings)
    {
        var recentStart = Math.Max(0, series.NewObjections.Count - XmrChart.RunLength);
        var baseline = Slice(series.NewObjections, Math.Max(0, recentStart - BaselineWeeks), recentStart);
        if (baseline.Count < XmrChart.MinimumBaseline)
        {
            return;
        }

        var limits = XmrChart.Limits(baseline);
        if (limits.Mean < SpcMinimumMean)
        {
            return;
        }

        var signal = XmrChart.Evaluate(Slice(series.NewObjections, recentStart, series.NewObjections.Count), limits);
        if (signal.Rule == SpcRule.None)
        {
            return;
        }

        var sigma = limits.MeanMovingRange / 1.128;
        var words = signal.Rule switch
        {
            SpcRule.OutsideLimits => $"outside the practice's control limits ({limits.Lower:0.#} to {limits.Upper:0.#})",
            SpcRule.Trend => $"the {XmrChart.RunLength}th week in a row {(signal.Up ? "rising" : "falling")}",
            SpcRule.TwoOfThreeNearLimit => "two of the last three weeks close to a control limit",
            _ => $"the {XmrChart.RunLength}th week in a row {(signal.Up ? "above" : "below")} the practice's average",
        };
        findings.Add(new Finding(DetectionMethods.ForRule(signal.Rule), series.Policy, "practice", series.Ods, period, signal.Up, observed, limits.Mean,
            null, null, Math.Max(0, limits.Lower), limits.Upper, sigma > 0 ? (observed - limits.Mean) / sigma : null,
            $"{Count(observed)} in the week ending {Day(series.WeekEnding[^1])}, {limits.Mean:0.#} a week on average: {words}."));
    }

    private static void PoissonExceedance(WeeklySeries series, string period, double observed, List<Finding> findings)
    {
        var n = series.NewObjections.Count;
        var start = Math.Max(0, n - 1 - PoissonWeeks);
        if (n - 1 - start < PoissonMinimumWeeks)
        {
            return;
        }

        var expected = Expected(series, start, n - 1);
        var count = (long)Math.Round(observed);
        var up = Poisson.UpperTail(count, expected);
        var down = Poisson.LowerTail(count, expected);
        if (up >= Alpha && down >= Alpha)
        {
            return;
        }

        var rise = up < Alpha;
        var p = rise ? up : down;
        findings.Add(new Finding(DetectionMethods.PoissonExceedance, series.Policy, "practice", series.Ods, period, rise, observed, expected,
            null, null, null, null, (observed - expected) / Math.Sqrt(expected),
            $"{Count(observed)} in the week ending {Day(series.WeekEnding[^1])}, {expected:0.#} expected from the previous {n - 1 - start} weeks "
            + $"(chance of so {(rise ? "many" : "few")}: {(p < 1e-6 ? "under one in a million" : p.ToString("0.######", CultureInfo.InvariantCulture))})."));
    }

    private static void CusumAlarm(WeeklySeries series, string period, double observed, List<Finding> findings)
    {
        var n = series.NewObjections.Count;
        var windowStart = Math.Max(0, n - CusumWindow);
        var baselineStart = Math.Max(0, windowStart - BaselineWeeks);
        if (windowStart - baselineStart < XmrChart.MinimumBaseline)
        {
            return;
        }

        var expected = Expected(series, baselineStart, windowStart);
        var sums = Cusum.Run(Slice(series.NewObjections, windowStart, n), expected);
        var last = sums[^1];
        if (last.Alarm == 0)
        {
            return;
        }

        var up = last.Alarm > 0;
        findings.Add(new Finding(DetectionMethods.Cusum, series.Policy, "practice", series.Ods, period, up, observed, expected,
            null, null, null, null, (observed - expected) / Math.Sqrt(expected),
            $"{Count(observed)} in the week ending {Day(series.WeekEnding[^1])}, {expected:0.#} a week expected: the cumulative "
            + $"{(up ? "excess" : "shortfall")} over recent weeks crossed the CUSUM threshold."));
    }

    /// <summary>The average over [from, to), scaled to the latest list size where both are known, and never below the floor.</summary>
    private static double Expected(WeeklySeries series, int from, int to)
    {
        var mean = Slice(series.NewObjections, from, to).Average();
        var baseList = Slice(series.ListSize.Select(v => (double)v).ToList(), from, to).Where(v => v > 0).DefaultIfEmpty(0).Average();
        var latestList = series.ListSize[^1];
        if (baseList > 0 && latestList > 0)
        {
            mean *= latestList / baseList;
        }

        return Math.Max(mean, MinimumExpected);
    }

    private static List<double> Slice(IReadOnlyList<double> values, int from, int to)
    {
        var list = new List<double>(Math.Max(0, to - from));
        for (var i = from; i < to; i++)
        {
            list.Add(values[i]);
        }

        return list;
    }

    private static string Count(double observed) => observed == 1 ? "1 new objection" : $"{observed:0} new objections";

    private static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
