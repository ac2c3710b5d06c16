namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Statistical process control for a series (NHS England "Making Data Count"; NHS-R NHSRplotthedots): an XmR chart
/// with limits at mean ± 2.66 × mean moving range, moving ranges of 3.267 × the mean or more screened out first, and
/// four special-cause rules. Only signals that include the latest point are reported: each period is judged once.
/// </summary>
public static class XmrChart
{
    public const double LimitFactor = 2.66;
    public const double ScreenFactor = 3.267;
    public const int MinimumBaseline = 12;
    public const int RunLength = 7;

    public static XmrLimits Limits(IReadOnlyList<double> baseline)
    {
        if (baseline.Count == 0)
        {
            return new XmrLimits(0, 0, 0, 0, 0);
        }

        var mean = baseline.Average();
        var ranges = new List<double>(baseline.Count);
        for (var i = 1; i < baseline.Count; i++)
        {
            ranges.Add(Math.Abs(baseline[i] - baseline[i - 1]));
        }

        var mmr = ranges.Count == 0 ? 0 : ranges.Average();
        var kept = ranges.Where(r => r < ScreenFactor * mmr).ToList();
        if (kept.Count > 0 && kept.Count < ranges.Count)
        {
            mmr = kept.Average();
        }

        return new XmrLimits(mean, mmr, mean - LimitFactor * mmr, mean + LimitFactor * mmr, baseline.Count);
    }

    /// <summary>The rule (by priority) that the last point of <paramref name="recent"/> triggers against <paramref name="limits"/>.</summary>
    public static XmrSignal Evaluate(IReadOnlyList<double> recent, XmrLimits limits)
    {
        if (recent.Count == 0)
        {
            return default;
        }

        var last = recent[^1];
        if (last > limits.Upper || last < limits.Lower)
        {
            return new XmrSignal(SpcRule.OutsideLimits, last > limits.Upper);
        }

        if (recent.Count >= RunLength)
        {
            var run = recent.Skip(recent.Count - RunLength).ToList();
            var rising = true;
            var falling = true;
            for (var i = 1; i < run.Count; i++)
            {
                rising &= run[i] > run[i - 1];
                falling &= run[i] < run[i - 1];
            }

            if (rising || falling)
            {
                return new XmrSignal(SpcRule.Trend, rising);
            }
        }

        if (recent.Count >= 3 && TwoOfThree(recent.Skip(recent.Count - 3).ToList(), limits) is { } side)
        {
            return new XmrSignal(SpcRule.TwoOfThreeNearLimit, side);
        }

        if (recent.Count >= RunLength)
        {
            var run = recent.Skip(recent.Count - RunLength).ToList();
            if (run.All(v => v > limits.Mean) || run.All(v => v < limits.Mean))
            {
                return new XmrSignal(SpcRule.Shift, last > limits.Mean);
            }
        }

        return default;
    }

    private static bool? TwoOfThree(IReadOnlyList<double> three, XmrLimits limits)
    {
        // The latest point must itself be beyond the line for the signal to be new this period.
        if (three[^1] > limits.NearUpper && three.Count(v => v > limits.NearUpper) >= 2)
        {
            return true;
        }

        return three[^1] < limits.NearLower && three.Count(v => v < limits.NearLower) >= 2 ? false : null;
    }
}
