using System.Globalization;
using ConsentApi.Monitoring.Detection;
using ConsentApi.Monitoring.Rates;

namespace ConsentRegistry.Benchmarks.Detection;

/// <summary>Prints the detection accuracy report (bench/README.md, docs/monitoring.md) as Markdown.</summary>
public static class AccuracyReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Print(int seed, int practices)
    {
        var scenario = DetectionScenario.Generate(seed, practices);
        var run = DetectionAccuracy.Run(scenario);
        var weeks = DetectionScenario.Weeks - DetectionScenario.FirstJudged;
        Line($"Scenario: seed {seed}, {practices:N0} practices in {scenario.Places.Values.Select(p => p.SubIcb).Distinct().Count()} sub-ICBs, "
            + $"{scenario.Places.Values.Select(p => p.Icb).Distinct().Count()} ICBs and {scenario.Places.Values.Select(p => p.Region).Distinct().Count()} regions; "
            + $"{DetectionScenario.Weeks} weeks, the last {weeks} judged ({run.JudgedPracticeWeeks:N0} practice-weeks, {run.JudgedAreaWeeks:N0} area-weeks); "
            + $"{scenario.Mergers.Count} mergers, {scenario.Tiny.Count} tiny practices, {scenario.Anomalies.Count} injected anomalies. "
            + $"Dispersion used (mean over weeks): {string.Join(", ", run.Dispersion.Select(d => $"{d.Key} {d.Value:0.00}"))}.");
        Line("");
        Recall(run);
        FalseAlarms(run);
    }

    private static void Recall(DetectionAccuracy run)
    {
        Line("### Injected anomalies");
        Line("");
        Line("| anomaly | size | expected a week (median) | count | found in its first week | found within 3 weeks | found while it lasted | median weeks to detection | investigations opened for it |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in run.Scenario.Anomalies.GroupBy(a => (a.Kind, a.Multiplier)).OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Multiplier))
        {
            var delays = group.Select(a => Delay(run, a)).ToList();
            var found = delays.Where(d => d is not null).Select(d => d!.Value).Order().ToList();
            var opened = group.Sum(a => run.Scored.Count(s => s.Opened && s.True && s.Week >= a.Start && s.Week < a.Start + a.Weeks && Covers(run, s.Finding, a)));
            Line($"| {group.Key.Kind} | {(group.Key.Multiplier == 0 ? "to zero" : $"{group.Key.Multiplier:0}×")} | {Median(group.Select(a => a.ExpectedPerWeek).Order().ToList()):0.0} "
                + $"| {group.Count()} | {Share(delays.Count(d => d == 1), group.Count())} | {Share(delays.Count(d => d <= 3), group.Count())} "
                + $"| {Share(found.Count, group.Count())} | {(found.Count == 0 ? "—" : Median(found.Select(d => (double)d).ToList()).ToString("0.#", C))} | {opened} |");
        }

        Line("");
        Line("Area spikes count as found only when the area itself is flagged (sub-ICB or a containing ICB or region); the last column shows how many");
        Line("investigations each kind opened in all (one per anomaly is the aim: practice flags in a flagged area group under the area's flag).");
        Line("");
    }

    private static void FalseAlarms(DetectionAccuracy run)
    {
        var practiceFalse = run.Scored.Where(s => s.Finding.Level == RateLevels.Practice && !s.True).ToList();
        var areaFalse = run.Scored.Where(s => s.Finding.Level != RateLevels.Practice && !s.True).ToList();
        var national = NationalWeeks;
        var nationalWeeks = national.Count;
        Line("### False alarms (findings no injected anomaly explains)");
        Line("");
        Line("| | count | per 1,000 practice-weeks |");
        Line("| --- | ---: | ---: |");
        Row("practice-weeks flagged (every finding)", practiceFalse.Select(s => (s.Week, s.Finding.Area)).Distinct().Count(), run.JudgedPracticeWeeks);
        Row("investigations opened", practiceFalse.Count(s => s.Opened), run.JudgedPracticeWeeks);
        foreach (var method in practiceFalse.GroupBy(s => s.Finding.Method).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Row($"… from {method.Key} ({Share(method.Count(), practiceFalse.Count)} of false findings)", method.Count(), run.JudgedPracticeWeeks);
        }

        foreach (var direction in practiceFalse.GroupBy(s => (s.Finding.Method, s.Finding.Up ? "rises" : "falls")).OrderBy(g => g.Key))
        {
            Row($"… {direction.Key.Method} {direction.Key.Item2}", direction.Count(), run.JudgedPracticeWeeks);
        }

        string[] bands = ["under 1", "1–2", "2–4", "4–8", "8 or more"];
        foreach (var band in practiceFalse.GroupBy(s => s.Finding.Expected switch { < 1 => 0, < 2 => 1, < 4 => 2, < 8 => 3, _ => 4 }).OrderBy(g => g.Key))
        {
            Row($"… where expected that week is {bands[band.Key]}", band.Count(), run.JudgedPracticeWeeks);
        }

        var perWeek = run.JudgedPracticeWeeks / (double)(DetectionScenario.Weeks - DetectionScenario.FirstJudged);
        Row($"… in the {nationalWeeks} weeks of national movement (news week, Christmas, dip)", practiceFalse.Count(s => national.Contains(s.Week)), (int)(perWeek * nationalWeeks));
        var merged = practiceFalse.Where(s => run.Scenario.Mergers.TryGetValue(s.Finding.Area, out var w) && s.Week >= w).ToList();
        Row($"… at practices that absorbed another (from the merger on){Methods(merged)}", merged.Count, -1);
        var tiny = practiceFalse.Where(s => run.Scenario.Tiny.Contains(s.Finding.Area)).ToList();
        Row($"… at tiny practices (300–1,500 patients){Methods(tiny)}", tiny.Count, -1);
        Line("");
        Line("| | count | per 1,000 area-weeks |");
        Line("| --- | ---: | ---: |");
        Row("area-weeks flagged with no anomaly inside", areaFalse.Select(s => (s.Week, s.Finding.Area)).Distinct().Count(), run.JudgedAreaWeeks);
        Row("area investigations opened", areaFalse.Count(s => s.Opened), run.JudgedAreaWeeks);
        foreach (var level in areaFalse.GroupBy(s => $"{s.Finding.Level} {s.Finding.Method} {(s.Finding.Up ? "rises" : "falls")}").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Row($"… {level.Key}", level.Count(), run.JudgedAreaWeeks);
        }

        Row($"… in the {nationalWeeks} weeks of national movement", areaFalse.Count(s => national.Contains(s.Week)), run.JudgedAreaWeeks * nationalWeeks / (DetectionScenario.Weeks - DetectionScenario.FirstJudged));
        Line("");
    }

    /// <summary>Weeks from the anomaly's start to its first finding (1 = its first week), or null if never found while it lasted.</summary>
    private static int? Delay(DetectionAccuracy run, ScenarioAnomaly a)
    {
        var hit = run.Scored.Where(s => s.Week >= a.Start && s.Week < a.Start + a.Weeks && s.Finding.Up == a.Multiplier > 1 && Covers(run, s.Finding, a)
                && (a.Level == RateLevels.Practice ? s.Finding.Level == RateLevels.Practice : s.Finding.Level != RateLevels.Practice))
            .Select(s => s.Week).DefaultIfEmpty(-1).Min();
        return hit < 0 ? null : hit - a.Start + 1;
    }

    private static bool Covers(DetectionAccuracy run, Finding f, ScenarioAnomaly a) =>
        f.Area == a.Unit || a.Practices.Contains(f.Area) || (f.Level != RateLevels.Practice && a.Practices.Any(p => PlaceCodes(run, p).Contains(f.Area)));

    private static string[] PlaceCodes(DetectionAccuracy run, string ods) =>
        [run.Scenario.Places[ods].SubIcb, run.Scenario.Places[ods].Icb, run.Scenario.Places[ods].Region];

    /// <summary>The scenario's weeks of national movement: Christmas, the news week and the one after, the four-week dip.</summary>
    private static readonly HashSet<int> NationalWeeks = [46, 50, 51, 62, 63, 64, 65];

    private static string Methods(List<(int Week, Finding Finding, bool True, bool Opened)> scored) => scored.Count == 0 ? ""
        : ": " + string.Join(", ", scored.GroupBy(s => $"{s.Finding.Method} {(s.Finding.Up ? "up" : "down")}").Select(g => $"{g.Key} {g.Count()}"));

    private static void Row(string label, int count, int denominator) =>
        Line($"| {label} | {count:N0} | {(denominator > 0 ? (1000.0 * count / denominator).ToString("0.00", C) : "")} |");

    private static string Share(int part, int whole) => whole == 0 ? "—" : ((double)part / whole).ToString("P0", C);

    private static double Median(List<double> sorted) => sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static void Line(string text) => Console.WriteLine(text.ToString(C));
}
