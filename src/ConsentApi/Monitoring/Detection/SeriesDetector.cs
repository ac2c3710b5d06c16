using System.Globalization;
using ConsentApi.Monitoring.Rates;

namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Judges a unit's latest week against what was expected of it once the nation's movement is allowed for
/// (<see cref="NationalAdjustment"/>), with two methods (docs/monitoring.md): a one-week exceedance (Poisson, or
/// negative binomial when the level's counts vary more than Poisson) and a CUSUM over the recent weeks for sustained
/// rises and falls. Rises and drops both count: a supplier fault that stops objections arriving looks like a drop.
/// A finding needs both chance and size: at least <see cref="MinimumExcess"/> objections more (or fewer) than
/// expected, so a household objecting together at a tiny practice is not an event.
/// </summary>
public static class SeriesDetector
{
    /// <summary>
    /// One week's chance below which a rise is flagged: 0.005 at a practice, so that a tripling on 4 a week is found
    /// even when its expectation is estimated a little high, and 0.001 for an area and for any fall.
    /// </summary>
    public const double RiseAlpha = 0.005;
    public const double Alpha = 0.001;
    public const double MinimumExcess = 5;

    /// <summary>A sustained change must amount to this many objections over its run (a doubling at 4 a week has 12 by its third week).</summary>
    public const double MinimumRunExcess = 8;

    /// <summary>CUSUM thresholds: a doubling at about 4 a week crosses the rise threshold in its third week.</summary>
    public const double RiseThreshold = 4.2;
    public const double DropThreshold = 7;

    public static IReadOnlyList<Finding> Evaluate(AdjustedSeries series, double dispersion, string policy)
    {
        var findings = new List<Finding>(2);
        var observed = series.Observed[^1];
        var expected = series.Expected[^1];
        if (!double.IsFinite(expected) || expected <= 0)
        {
            return findings;
        }

        var period = series.Weeks[^1].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var z = (observed - expected) / Math.Sqrt(dispersion * expected);
        Exceedance(series, dispersion, policy, period, observed, expected, z, findings);
        if (findings.Count == 0)
        {
            Sustained(series, dispersion, policy, period, observed, expected, z, findings);
        }

        return findings;
    }

    private static void Exceedance(AdjustedSeries series, double dispersion, string policy, string period, double observed, double expected, double z,
        List<Finding> findings)
    {
        var count = (long)Math.Round(observed);
        var up = CountTails.Upper(count, expected, dispersion);
        var down = CountTails.Lower(count, expected, dispersion);
        var rise = up < (series.Unit.Level == RateLevels.Practice ? RiseAlpha : Alpha) && observed - expected >= MinimumExcess;
        var fall = down < Alpha && expected - observed >= MinimumExcess;
        if (!rise && !fall)
        {
            return;
        }

        var p = rise ? up : down;
        findings.Add(new Finding(DetectionMethods.Exceedance, policy, series.Unit.Level, series.Unit.Area, period, rise, observed, expected,
            null, null, null, null, z,
            $"{Count(observed)} in the week ending {Day(series.Weeks[^1])} where {expected:0.#} were expected ({Basis(series)}); chance of so "
            + $"{(rise ? "many" : "few")}: {Chance(p)}.", series.Unit.Within));
    }

    private static void Sustained(AdjustedSeries series, double dispersion, string policy, string period, double observed, double expected, double z,
        List<Finding> findings)
    {
        foreach (var (ratio, threshold, rise) in (ReadOnlySpan<(double, double, bool)>)[(2.0, RiseThreshold, true), (0.5, DropThreshold, false)])
        {
            var run = Cusum.Run(series.Observed, series.Expected, ratio, dispersion);
            var excess = rise ? run.Observed - run.Expected : run.Expected - run.Observed;
            // Only while the condition lasts: the latest week itself must add to the sum, so that the weeks after a
            // one-week spike (whose sum takes a while to drain) are not read as a sustained rise.
            var adds = observed * Math.Log(ratio) - (ratio - 1) * expected > 0;
            if (run.Sum < threshold || excess < MinimumRunExcess || !adds)
            {
                continue;
            }

            var weeks = series.Observed.Length - run.Start;
            findings.Add(new Finding(DetectionMethods.Cusum, policy, series.Unit.Level, series.Unit.Area, period, rise, observed, expected,
                null, null, null, null, z,
                $"{Count(run.Observed)} over the {weeks} weeks to {Day(series.Weeks[^1])} where {run.Expected:0.#} were expected ({Basis(series)}): "
                + $"a sustained {(rise ? "rise" : "fall")}, {run.Observed / run.Expected:0.0} times the expected level "
                + $"({observed:0} in the latest week against {expected:0.#})."
                , series.Unit.Within));
            return;
        }
    }

    private static string Basis(AdjustedSeries s) =>
        (s.Unit.Level == RateLevels.Practice ? "the practice's" : "the area's")
        + $" level over {s.BaselineWeeks} earlier weeks, {(s.PerRegisteredPatient ? "its list size and " : "")}England's movement that week";

    private static string Chance(double p) => p < 1e-6 ? "under one in a million" : $"about 1 in {Math.Round(1 / p):N0}";

    private static string Count(double observed) => observed == 1 ? "1 new objection" : $"{observed:0} new objections";

    private static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
