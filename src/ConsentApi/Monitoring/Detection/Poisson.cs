namespace ConsentApi.Monitoring.Detection;

/// <summary>Poisson tail probabilities, summed in log space so they stay exact for counts in the thousands.</summary>
public static class Poisson
{
    /// <summary>P(X ≥ k) for X ~ Poisson(mean).</summary>
    public static double UpperTail(long k, double mean) =>
        k <= 0 ? 1
        : mean <= 0 ? 0
        : k <= mean ? Math.Clamp(1 - LowerTail(k - 1, mean), 0, 1) // a large probability: the complement is exact enough
        : Math.Min(SumFrom(k, mean), 1);

    /// <summary>P(X ≤ k) for X ~ Poisson(mean).</summary>
    public static double LowerTail(long k, double mean)
    {
        if (k < 0)
        {
            return 0;
        }

        if (mean <= 0)
        {
            return 1;
        }

        // Sum the terms down from k: they shrink, and once negligible the rest cannot matter.
        double sum = 0;
        for (var j = k; j >= 0; j--)
        {
            var term = Math.Exp(LogPmf(j, mean));
            sum += term;
            if (j < mean && term < sum * 1e-17)
            {
                break;
            }
        }

        return Math.Min(sum, 1);
    }

    private static double SumFrom(long k, double mean)
    {
        double sum = 0;
        for (var j = k; ; j++)
        {
            var term = Math.Exp(LogPmf(j, mean));
            sum += term;
            if (j > mean && term < sum * 1e-17)
            {
                return sum;
            }
        }
    }

    private static double LogPmf(long k, double mean) => k * Math.Log(mean) - mean - LogFactorial(k);

    private static double LogFactorial(long n)
    {
        if (n < 2)
        {
            return 0;
        }

        if (n < 30)
        {
            double f = 0;
            for (var i = 2; i <= n; i++)
            {
                f += Math.Log(i);
            }

            return f;
        }

        // Stirling's series: accurate to far better than 1e-10 from 30 up.
        var x = (double)n;
        return x * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
