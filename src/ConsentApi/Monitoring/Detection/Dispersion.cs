namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// How much more than Poisson a level's weekly counts vary around their expectations: the pooled Pearson statistic
/// over degrees of freedom (quasi-Poisson φ), from units expecting at least one objection a week (below that the
/// statistic is dominated by single objections), leaving out the most variable 5% of units (whose baseline may hold
/// an event). Never below 1.
/// </summary>
public static class Dispersion
{
    public const double MinimumWeeklyMean = 1;
    public const double Trim = 0.05;
    public const double Maximum = 50;

    public static double Estimate(IReadOnlyList<AdjustedSeries> series)
    {
        var usable = series.Where(s => s.BaselineMean >= MinimumWeeklyMean && s.Freedom > 0).OrderBy(s => s.Pearson / s.Freedom).ToList();
        if (usable.Count == 0)
        {
            return 1;
        }

        var kept = usable.Take(Math.Max(1, (int)Math.Ceiling(usable.Count * (1 - Trim)))).ToList();
        var phi = kept.Sum(s => s.Pearson) / kept.Sum(s => s.Freedom);
        return Math.Clamp(phi, 1, Maximum);
    }
}
