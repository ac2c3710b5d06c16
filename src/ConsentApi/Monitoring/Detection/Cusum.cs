namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// A two-sided CUSUM on counts against a Poisson baseline, as the R package surveillance's algo.cusum with its
/// defaults k = 1.04, h = 2.26 and the transform those constants come with (Rossi et al. 1999), which makes small
/// Poisson counts close to standard normal: x = (y − 3μ + 2√(yμ)) / (2√μ). The upper sum catches rises, the lower
/// sum drops; each resets after an alarm.
/// </summary>
public static class Cusum
{
    public const double K = 1.04;
    public const double H = 2.26;

    /// <summary>The sums after each point, and whether that point raised an alarm (+1 rise, −1 fall, 0 none).</summary>
    public static IReadOnlyList<(double Upper, double Lower, int Alarm)> Run(IReadOnlyList<double> counts, double expected)
    {
        var result = new List<(double, double, int)>(counts.Count);
        double upper = 0, lower = 0;
        foreach (var count in counts)
        {
            var x = Standardise(count, expected);
            upper = Math.Max(0, upper + x - K);
            lower = Math.Max(0, lower - x - K);
            var alarm = upper >= H ? 1 : lower >= H ? -1 : 0;
            result.Add((upper, lower, alarm));
            if (alarm > 0)
            {
                upper = 0;
            }
            else if (alarm < 0)
            {
                lower = 0;
            }
        }

        return result;
    }

    /// <summary>Rossi's transform of a Poisson count y with mean μ to an approximately standard normal value.</summary>
    public static double Standardise(double count, double expected) =>
        (count - 3 * expected + 2 * Math.Sqrt(count * expected)) / (2 * Math.Sqrt(expected));
}
