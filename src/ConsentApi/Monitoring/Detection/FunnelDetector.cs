using System.Globalization;

namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Compares practices with each other in the same period: a funnel of objection rates around the national rate and
/// one per region around the regional rate. A practice is flagged when it lies outside the 99.8% limits and did not
/// in any of the earlier weeks given (up to <see cref="QuietWeeks"/>): a practice that has always had a high rate is
/// flagged once, when it first shows, and one hovering at the limit is not flagged each time it crosses. A practice
/// whose list size stepped by 15% or more since the week before (a merger or split) is not flagged that week: its rate
/// moved because its population changed.
/// </summary>
public static class FunnelDetector
{
    /// <summary>Earlier weeks a practice must have been inside the limits for its crossing to be flagged.</summary>
    public const int QuietWeeks = 4;

    /// <summary>Judges <paramref name="current"/>; <paramref name="earlier"/> holds the weeks before it, latest first (only the first <see cref="QuietWeeks"/> are read).</summary>
    public static IReadOnlyList<Finding> Evaluate(string policy, string period, IReadOnlyList<PracticeRate> current,
        IReadOnlyList<IReadOnlyList<PracticeRate>> earlier)
    {
        var findings = new List<Finding>();
        var weeks = earlier.Take(QuietWeeks).Where(w => w.Count > 0).ToList();
        var stepped = weeks.Count == 0 ? [] : Stepped(current, weeks[0]);
        Flag(DetectionMethods.FunnelNational, "England", policy, period, current, weeks, stepped, findings);
        foreach (var region in current.GroupBy(p => p.Region))
        {
            Flag(DetectionMethods.FunnelRegional, region.Key, policy, period, [.. region], [.. weeks.Select(w => (IReadOnlyList<PracticeRate>)[.. w.Where(p => p.Region == region.Key)])],
                stepped, findings);
        }

        return findings;
    }

    private static HashSet<string> Stepped(IReadOnlyList<PracticeRate> current, IReadOnlyList<PracticeRate> before)
    {
        var sizes = before.ToDictionary(p => p.Ods, p => p.ListSize, StringComparer.Ordinal);
        return [.. current.Where(p => sizes.TryGetValue(p.Ods, out var was) && was > 0 && Math.Abs((double)p.ListSize / was - 1) >= NationalAdjustment.ListStep)
            .Select(p => p.Ods)];
    }

    private static void Flag(string method, string scope, string policy, string period, IReadOnlyList<PracticeRate> current,
        List<IReadOnlyList<PracticeRate>> earlier, HashSet<string> stepped, List<Finding> findings)
    {
        var now = FunnelPlot.Compute(Points(current));
        var before = earlier.Where(w => w.Count > 0)
            .SelectMany(w => FunnelPlot.Compute(Points(w)).Units.Where(u => u.Outside998).Select(u => u.Area)).ToHashSet(StringComparer.Ordinal);
        foreach (var unit in now.Units.Where(u => u.Outside998 && !before.Contains(u.Area) && !stepped.Contains(u.Area)))
        {
            var up = unit.Rate > unit.Upper998;
            findings.Add(new Finding(method, policy, "practice", unit.Area, period, up, unit.Events, now.Target * unit.Population,
                unit.Lower95, unit.Upper95, unit.Lower998, unit.Upper998, unit.Z,
                $"{Percent(unit.Rate)} of {unit.Population:N0} registered patients object ({unit.Events:N0}); the {(scope == "England" ? "national" : "regional")} "
                + $"rate is {Percent(now.Target)}, so about {now.Target * unit.Population:N0} would be expected. The practice is "
                + $"{(up ? "above" : "below")} the 99.8% limit ({Percent(up ? unit.Upper998 : unit.Lower998)}) for its size, allowing for the spread between practices."));
        }
    }

    private static List<FunnelPoint> Points(IReadOnlyList<PracticeRate> rates) =>
        [.. rates.Where(r => r.ListSize > 0).Select(r => new FunnelPoint(r.Ods, Math.Min(r.Objectors, r.ListSize), r.ListSize))];

    private static string Percent(double p) => (p * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
