namespace ConsentApi.Monitoring.Detection;

/// <summary>Poisson tail probabilities, summed in log space so they stay exact for counts in the thousands.</summary>
public static class Poisson
{
    /// <summary>P(X ≥ k) for X ~ Poisson(mean).</summary>
    public static double UpperTail(long k, double mean) => DiscreteTails.Upper(k, mean, j => LogPmf(j, mean));

    /// <summary>P(X ≤ k) for X ~ Poisson(mean).</summary>
    public static double LowerTail(long k, double mean) => DiscreteTails.Lower(k, mean, j => LogPmf(j, mean));

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
