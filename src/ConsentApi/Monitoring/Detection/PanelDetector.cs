using System.Globalization;
using ConsentApi.Monitoring.Rates;

namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Judges one week of a policy's panel: every practice, then every sub-ICB, ICB and region, each against its own
/// past scaled by the nation's movement that week (<see cref="NationalMovement"/>, <see cref="NationalAdjustment"/>), with the dispersion
/// estimated per level. An area's finding names the practices that contributed most, so staff see at once whether a
/// rise is one practice or many.
/// </summary>
public static class PanelDetector
{
    public const int PracticesNamed = 8;

    public static PanelJudgement Judge(WeeklyPanel panel, IReadOnlyDictionary<string, PracticePlace> places, int judged)
    {
        var areaUnits = panel.Areas(places);
        var (baselineStart, windowStart) = NationalAdjustment.Window(judged);
        if (windowStart < 1)
        {
            return new PanelJudgement([], 0, new Dictionary<string, double>(), double.NaN);
        }

        var movement = NationalMovement.Measure(panel, [.. areaUnits.Where(a => a.Level == RateLevels.SubIcb)], baselineStart, windowStart, judged);
        var practices = Adjust(panel, panel.Practices, judged, movement);
        var practiceDispersion = Dispersion.Estimate(practices);
        var findings = practices.SelectMany(s => SeriesDetector.Evaluate(s, practiceDispersion, panel.Policy)).ToList();
        var byPractice = practices.ToDictionary(s => s.Unit.Area, StringComparer.Ordinal);
        var dispersions = new Dictionary<string, double>(StringComparer.Ordinal) { [RateLevels.Practice] = practiceDispersion };
        foreach (var level in areaUnits.GroupBy(a => a.Level, StringComparer.Ordinal))
        {
            var areas = Adjust(panel, [.. level], judged, movement);
            var dispersion = Dispersion.Estimate(areas);
            dispersions[level.Key] = dispersion;
            foreach (var area in areas)
            {
                findings.AddRange(SeriesDetector.Evaluate(area, dispersion, panel.Policy)
                    .Select(f => f with { Summary = f.Summary + " " + Contributors(area.Unit, byPractice, f.Up) }));
            }
        }

        return new PanelJudgement(findings, practices.Count, dispersions, movement.Factor(judged));
    }

    private static List<AdjustedSeries> Adjust(WeeklyPanel panel, IReadOnlyList<PanelUnit> units, int judged, NationalMovement movement) =>
        [.. units.Select(u => NationalAdjustment.Adjust(panel, u, judged, movement)).OfType<AdjustedSeries>()];

    /// <summary>The member practices furthest from their own expectation in the judged week, in the finding's direction.</summary>
    private static string Contributors(PanelUnit area, Dictionary<string, AdjustedSeries> practices, bool up)
    {
        var named = area.Members.Select(m => practices.GetValueOrDefault(m)).OfType<AdjustedSeries>()
            .Where(p => double.IsFinite(p.Expected[^1]))
            .Select(p => (p.Unit.Area, Observed: p.Observed[^1], Expected: p.Expected[^1], Excess: p.Observed[^1] - p.Expected[^1]))
            .Where(p => up ? p.Excess >= 1 : p.Excess <= -1)
            .OrderByDescending(p => Math.Abs(p.Excess)).ThenBy(p => p.Area, StringComparer.Ordinal)
            .ToList();
        if (named.Count == 0)
        {
            return $"No single practice of its {area.Members.Count} stands out that week.";
        }

        var listed = string.Join(", ", named.Take(PracticesNamed).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Area} ({p.Observed:0} against {p.Expected:0.#})")));
        return $"{named.Count} of its {area.Members.Count} practices were {(up ? "above" : "below")} their own expectation: {listed}"
            + (named.Count > PracticesNamed ? $" and {named.Count - PracticesNamed} more." : ".");
    }
}
