namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Funnel plot for proportions (Spiegelhalter 2005) on the arcsine–square-root scale, as NHS-R FunnelPlotR does:
/// Y = asin(√p), s = 1/(2√n). Overdispersion by winsorised z-scores (10th and 90th percentiles) and an additive
/// random-effects τ² (DerSimonian–Laird), so that when real rates vary more than chance allows, or the whole
/// country moves at once, the limits widen instead of flagging every practice.
/// </summary>
public static class FunnelPlot
{
    public const double Z95 = 1.959964;
    public const double Z998 = 3.090232;

    public static FunnelResult Compute(IReadOnlyList<FunnelPoint> points, double? target = null)
    {
        var usable = points.Where(p => p.Population > 0 && p.Events >= 0 && p.Events <= p.Population).ToList();
        if (usable.Count == 0)
        {
            return new FunnelResult(0, 0, 0, []);
        }

        var p0 = target ?? (double)usable.Sum(p => p.Events) / usable.Sum(p => p.Population);
        var y0 = Math.Asin(Math.Sqrt(p0));
        var z = usable.Select(p => (Y(p) - y0) / S(p.Population)).ToArray();
        var (phi, tau2) = Overdispersion(usable, z);
        var units = usable.Select(p =>
        {
            var s = S(p.Population);
            var zAdjusted = (Y(p) - y0) / Math.Sqrt(s * s + tau2);
            var (l95, u95, l998, u998) = Limits(p0, tau2, p.Population);
            return new FunnelUnit(p.Area, p.Events, p.Population, (double)p.Events / p.Population, zAdjusted, l95, u95, l998, u998);
        }).ToList();
        return new FunnelResult(p0, phi, tau2, units);
    }

    /// <summary>φ from winsorised z-scores and τ² (zero when φ shows no more spread than chance).</summary>
    public static (double Phi, double Tau2) Overdispersion(IReadOnlyList<FunnelPoint> points, IReadOnlyList<double> z)
    {
        var k = z.Count;
        var sorted = z.Order().ToArray();
        var low = Quantile(sorted, 0.10);
        var high = Quantile(sorted, 0.90);
        var phi = z.Sum(v => Math.Pow(Math.Clamp(v, low, high), 2)) / k;
        if (k * phi <= k - 1)
        {
            return (phi, 0);
        }

        var w = points.Select(p => 1.0 / Math.Pow(S(p.Population), 2)).ToArray();
        var sumW = w.Sum();
        var tau2 = (k * phi - (k - 1)) / (sumW - w.Sum(x => x * x) / sumW);
        return (phi, Math.Max(0, tau2));
    }

    /// <summary>95% and 99.8% limits, as proportions, around <paramref name="target"/> for a population of n.</summary>
    public static (double Lower95, double Upper95, double Lower998, double Upper998) Limits(double target, double tau2, long n)
    {
        var y0 = Math.Asin(Math.Sqrt(target));
        var s = Math.Sqrt(Math.Pow(S(n), 2) + tau2);
        return (Back(y0 - Z95 * s), Back(y0 + Z95 * s), Back(y0 - Z998 * s), Back(y0 + Z998 * s));
    }

    /// <summary>The sample quantile with linear interpolation between order statistics (R's default, type 7).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 1)
        {
            return sorted[0];
        }

        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double Y(FunnelPoint p) => Math.Asin(Math.Sqrt((double)p.Events / p.Population));

    private static double S(long n) => 1.0 / (2 * Math.Sqrt(n));

    // The transform is only defined on [0, π/2]: a limit beyond either end is a proportion of 0 or 1.
    private static double Back(double y) => y <= 0 ? 0 : y >= Math.PI / 2 ? 1 : Math.Pow(Math.Sin(y), 2);
}
