using System.Globalization;

namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Compares practices with each other in the same period: a funnel of objection rates around the national rate and
/// one per region around the regional rate. A practice is flagged when it lies outside the 99.8% limits and did not
/// the period before (a practice that has always had a high rate is flagged once, when it first shows, not weekly).
/// </summary>
public static class FunnelDetector
{
    public static IReadOnlyList<Finding> Evaluate(string policy, string period, IReadOnlyList<PracticeRate> current,
        IReadOnlyList<PracticeRate>? previous)
    {
        var findings = new List<Finding>();
        Flag(DetectionMethods.FunnelNational, "England", policy, period, current, previous, findings);
        foreach (var region in current.GroupBy(p => p.Region))
        {
            Flag(DetectionMethods.FunnelRegional, region.Key, policy, period, [.. region], previous?.Where(p => p.Region == region.Key).ToList(), findings);
        }

        return findings;
    }

    private static void Flag(string method, string scope, string policy, string period, IReadOnlyList<PracticeRate> current,
        IReadOnlyList<PracticeRate>? previous, List<Finding> findings)
    {
        var now = FunnelPlot.Compute(Points(current));
        var before = previous is { Count: > 0 }
            ? FunnelPlot.Compute(Points(previous)).Units.Where(u => u.Outside998).Select(u => u.Area).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var unit in now.Units.Where(u => u.Outside998 && !before.Contains(u.Area)))
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
