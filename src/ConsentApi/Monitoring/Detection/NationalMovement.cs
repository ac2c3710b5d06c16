namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// How the nation moved week by week, measured robustly: each sub-ICB's rate that week against its own baseline
/// rate, and the weighted median of those ratios across sub-ICBs (weights: what each would expect that week). A
/// median cannot be dragged by a minority of areas, so a spike across one sub-ICB, ICB or even a region does not
/// raise every other unit's expectation (a pooled national rate would: one region tripling lifts the rest of
/// England's reference by a third, and every other region would look like a drop). With no sub-ICB to measure
/// (practices not in the practice list), the pooled national rate is used instead.
/// </summary>
public sealed class NationalMovement
{
    private readonly int _from;
    private readonly double[] _factor;

    private NationalMovement(int from, double[] factor, double baselineRate)
    {
        _from = from;
        _factor = factor;
        BaselineRate = baselineRate;
    }

    /// <summary>The nation's new objections per registered patient a week over the baseline, pooled.</summary>
    public double BaselineRate { get; }

    /// <summary>The nation's level in week <paramref name="t"/> against its baseline (1 = as usual, 0.5 = half).</summary>
    public double Factor(int t) => t >= _from && t - _from < _factor.Length ? _factor[t - _from] : double.NaN;

    /// <summary>The movement over weeks [<paramref name="baselineFrom"/>, <paramref name="judged"/>], with the baseline [<paramref name="baselineFrom"/>, <paramref name="baselineTo"/>).</summary>
    public static NationalMovement Measure(WeeklyPanel panel, IReadOnlyList<PanelUnit> subIcbs, int baselineFrom, int baselineTo, int judged)
    {
        double listed = 0, listedCounts = 0, counts = 0;
        for (var t = baselineFrom; t < baselineTo; t++)
        {
            listed += panel.NationalListSizes[t];
            listedCounts += panel.ListedCounts[t];
            counts += panel.NationalCounts[t];
        }

        var weeks = baselineTo - baselineFrom;
        var baselineRate = listed > 0 ? listedCounts / listed : 0;
        var usual = subIcbs.Select(v => UsualRate(v, baselineFrom, baselineTo)).ToArray();
        var factor = new double[judged - baselineFrom + 1];
        var ratios = new List<(double Ratio, double Weight)>(subIcbs.Count);
        for (var t = baselineFrom; t <= judged; t++)
        {
            ratios.Clear();
            for (var v = 0; v < subIcbs.Count; v++)
            {
                if (usual[v] > 0 && subIcbs[v].ListSizes[t] > 0)
                {
                    ratios.Add((subIcbs[v].Counts[t] / subIcbs[v].ListSizes[t] / usual[v], usual[v] * subIcbs[v].ListSizes[t]));
                }
            }

            factor[t - baselineFrom] = ratios.Count > 0 ? WeightedMedian(ratios)
                : baselineRate > 0 && panel.NationalListSizes[t] > 0 ? panel.ListedCounts[t] / panel.NationalListSizes[t] / baselineRate
                : counts > 0 ? panel.NationalCounts[t] / (counts / weeks) : double.NaN;
        }

        return new NationalMovement(baselineFrom, factor, baselineRate);
    }

    private static double UsualRate(PanelUnit unit, int from, int to)
    {
        double y = 0, l = 0;
        for (var t = from; t < to; t++)
        {
            if (unit.ListSizes[t] > 0)
            {
                y += unit.Counts[t];
                l += unit.ListSizes[t];
            }
        }

        return l > 0 ? y / l : 0;
    }

    /// <summary>The value at which half the weight lies on each side (the mean of the two values either side when it falls exactly between them).</summary>
    private static double WeightedMedian(List<(double Ratio, double Weight)> values)
    {
        values.Sort((a, b) => a.Ratio.CompareTo(b.Ratio));
        var half = values.Sum(v => v.Weight) / 2;
        double cumulative = 0;
        for (var i = 0; i < values.Count; i++)
        {
            cumulative += values[i].Weight;
            if (Math.Abs(cumulative - half) < 1e-9 * half && i + 1 < values.Count)
            {
                return (values[i].Ratio + values[i + 1].Ratio) / 2;
            }

            if (cumulative > half)
            {
                return values[i].Ratio;
            }
        }

        return values[^1].Ratio;
    }
}
