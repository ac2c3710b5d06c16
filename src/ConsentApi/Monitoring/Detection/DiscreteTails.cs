namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Tail probabilities of a count distribution on 0, 1, 2, … with the given mean, from its log-probabilities, summed
/// term by term in from the tail's inner end until the terms no longer matter: exact for counts in the thousands.
/// </summary>
public static class DiscreteTails
{
    /// <summary>P(X ≥ k).</summary>
    public static double Upper(long k, double mean, Func<long, double> logPmf) =>
        k <= 0 ? 1
        : mean <= 0 ? 0
        : k <= mean ? Math.Clamp(1 - Lower(k - 1, mean, logPmf), 0, 1) // a large probability: the complement is exact enough
        : Sum(k, 1, mean, logPmf);

    /// <summary>P(X ≤ k).</summary>
    public static double Lower(long k, double mean, Func<long, double> logPmf) =>
        k < 0 ? 0
        : mean <= 0 ? 1
        : Sum(k, -1, mean, logPmf);

    /// <summary>The terms from k outwards (step +1 up to infinity, −1 down to 0), stopping once past the mean and negligible.</summary>
    private static double Sum(long k, int step, double mean, Func<long, double> logPmf)
    {
        double sum = 0;
        for (var j = k; j >= 0 && j < k + 10_000_000; j += step)
        {
            var term = Math.Exp(logPmf(j));
            sum += term;
            if ((step > 0 ? j > mean : j < mean) && term < sum * 1e-17)
            {
                break;
            }
        }

        return Math.Min(sum, 1);
    }
}
