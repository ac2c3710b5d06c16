namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Tail probabilities of a weekly count with a mean and a dispersion φ (variance = φ × mean): Poisson when φ is 1,
/// otherwise the negative binomial with that mean and variance, so that counts that vary more than Poisson from week
/// to week (households objecting together, local publicity) are not read as events.
/// </summary>
public static class CountTails
{
    /// <summary>P(X ≥ k).</summary>
    public static double Upper(long k, double mean, double dispersion) =>
        dispersion <= 1.000001 ? Poisson.UpperTail(k, mean) : DiscreteTails.Upper(k, mean, j => LogPmf(j, mean, dispersion));

    /// <summary>P(X ≤ k).</summary>
    public static double Lower(long k, double mean, double dispersion) =>
        dispersion <= 1.000001 ? Poisson.LowerTail(k, mean) : DiscreteTails.Lower(k, mean, j => LogPmf(j, mean, dispersion));

    /// <summary>Negative binomial with size r = mean / (φ − 1) and p = r / (r + mean).</summary>
    private static double LogPmf(long k, double mean, double dispersion)
    {
        var r = mean / (dispersion - 1);
        var p = r / (r + mean);
        return LogGamma(k + r) - LogGamma(r) - LogGamma(k + 1) + r * Math.Log(p) + k * Math.Log(1 - p);
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, nine terms): relative error far below what a tail test needs.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        x -= 1;
        var a = c[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            a += c[i] / (x + i);
        }

        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }
}
