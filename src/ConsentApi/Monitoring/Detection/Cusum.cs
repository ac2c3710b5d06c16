namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// A two-sided CUSUM on counts standardised against a Poisson baseline (as the R package surveillance's algo.cusum
/// with its defaults k = 1.04, h = 2.26, Rossi et al. 1999): the upper sum catches rises, the lower sum drops. Each
/// sum resets after an alarm.
/// </summary>
public static class Cusum
{
    public const double K = 1.04;
    public const double H = 2.26;

    /// <summary>The sums after each point, and whether that point raised an alarm (+1 rise, −1 fall, 0 none).</summary>
    public static IReadOnlyList<(double Upper, double Lower, int Alarm)> Run(IReadOnlyList<double> counts, double expected)
    {
        var sd = Math.Sqrt(expected);
        var result = new List<(double, double, int)>(counts.Count);
        double upper = 0, lower = 0;
        foreach (var count in counts)
        {
            var x = (count - expected) / sd;
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
}
