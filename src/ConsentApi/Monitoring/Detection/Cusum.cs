namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// A Poisson CUSUM on counts whose expected value changes week by week (Lucas 1985; Rogerson and Yamada 2004): each
/// week adds the log-likelihood ratio of "the rate is <c>ratio</c> times what was expected" against "as expected",
/// y ln ρ − (ρ − 1) μ, divided by the dispersion φ (quasi-likelihood), and the sum never goes below zero. Ratio 2
/// watches for a doubling, ratio ½ for a halving. The sum starts from zero at the first week given: detection runs
/// it over the recent weeks only, so an old excursion cannot keep it high.
/// </summary>
public static class Cusum
{
    /// <summary>The sum after the last week, the index of the week the current run began (−1 if the sum is zero) and that run's counts.</summary>
    public static CusumRun Run(IReadOnlyList<double> counts, IReadOnlyList<double> expected, double ratio, double dispersion)
    {
        var logRatio = Math.Log(ratio);
        var scale = 1 / Math.Max(1, dispersion);
        double sum = 0, observed = 0, expectedSum = 0;
        var start = -1;
        for (var i = 0; i < counts.Count; i++)
        {
            if (!double.IsFinite(expected[i]) || expected[i] <= 0)
            {
                continue;
            }

            var next = sum + (counts[i] * logRatio - (ratio - 1) * expected[i]) * scale;
            if (next <= 0)
            {
                (sum, start, observed, expectedSum) = (0, -1, 0, 0);
                continue;
            }

            if (start < 0)
            {
                start = i;
            }

            (sum, observed, expectedSum) = (next, observed + counts[i], expectedSum + expected[i]);
        }

        return new CusumRun(sum, start, observed, expectedSum);
    }
}
