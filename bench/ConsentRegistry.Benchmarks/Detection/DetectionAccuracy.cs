using ConsentApi.Monitoring.Detection;
using ConsentApi.Monitoring.Rates;

namespace ConsentRegistry.Benchmarks.Detection;

/// <summary>
/// Runs the registry's detection over a <see cref="DetectionScenario"/> week by week, as the detection job does
/// (<see cref="PanelDetector"/>, the funnel, then <see cref="FlagGrouping"/> into episodes), and scores every finding
/// against the injected truth. Staff are modelled as closing an episode four weeks after its last finding.
/// </summary>
public sealed class DetectionAccuracy
{
    public const int ClosedAfterQuietWeeks = 4;

    public required DetectionScenario Scenario { get; init; }
    public List<(int Week, Finding Finding, bool True, bool Opened)> Scored { get; } = [];
    public Dictionary<string, double> Dispersion { get; } = new(StringComparer.Ordinal);
    public List<(int Week, double Truth, double Measured)> Movement { get; } = [];
    public int JudgedPracticeWeeks { get; private set; }
    public int JudgedAreaWeeks { get; private set; }

    public static DetectionAccuracy Run(DetectionScenario scenario)
    {
        var result = new DetectionAccuracy { Scenario = scenario };
        var panel = new WeeklyPanel(DetectionScenario.Policy, scenario.WeekEnding, scenario.Practices);
        var open = new Dictionary<(string, string, string, string), long>();
        var lastSeen = new Dictionary<long, int>();
        long nextId = 1;
        var dispersions = new List<IReadOnlyDictionary<string, double>>();
        for (var t = DetectionScenario.FirstJudged; t < DetectionScenario.Weeks; t++)
        {
            foreach (var (key, id) in open.ToList().Where(e => t - lastSeen[e.Value] > ClosedAfterQuietWeeks))
            {
                open.Remove(key);
            }

            var judgement = PanelDetector.Judge(panel, scenario.Places, t);
            dispersions.Add(judgement.Dispersions);
            result.Movement.Add((t, scenario.National[t], judgement.NationalFactor));
            result.JudgedPracticeWeeks += judgement.PracticesJudged;
            result.JudgedAreaWeeks += panel.Areas(scenario.Places).Count;
            var findings = judgement.Findings.Concat(Funnel(scenario, t)).ToList();
            var placements = FlagGrouping.Place(findings, open);
            var opened = new Dictionary<Finding, long>(ReferenceEqualityComparer.Instance);
            foreach (var p in placements.Where(p => p.Leader is null && p.Episode is null))
            {
                opened[p.Finding] = nextId;
                open[FlagGrouping.Key(p.Finding)] = nextId;
                lastSeen[nextId++] = t;
            }

            foreach (var p in placements)
            {
                var episode = p.Episode ?? (p.Leader is { } leader ? opened[leader] : opened[p.Finding]);
                lastSeen[episode] = t;
                result.Scored.Add((t, p.Finding, result.IsTrue(p.Finding, t), p.Leader is null && p.Episode is null));
            }
        }

        foreach (var level in dispersions.SelectMany(d => d.Keys).Distinct())
        {
            result.Dispersion[level] = dispersions.Where(d => d.ContainsKey(level)).Average(d => d[level]);
        }

        return result;
    }

    /// <summary>Whether a finding is explained by an injected anomaly: at the practice in its weeks, or for an area holding one that week.</summary>
    public bool IsTrue(Finding f, int t)
    {
        var members = f.Level == RateLevels.Practice ? [f.Area]
            : Scenario.Places.Where(p => Level(p.Value, f.Level) == f.Area).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        return Scenario.Anomalies.Any(a => t >= a.Start && t < a.Start + a.Weeks && a.Practices.Any(members.Contains));
    }

    private static string Level(PracticePlace p, string level) => level switch
    {
        RateLevels.SubIcb => p.SubIcb,
        RateLevels.Icb => p.Icb,
        _ => p.Region,
    };

    private static IEnumerable<Finding> Funnel(DetectionScenario s, int t)
    {
        List<PracticeRate> RatesOn(int w) => [.. s.Practices.Select((p, i) => new PracticeRate(p.Area, s.Places[p.Area].Region, (long)s.Active[i][w], (long)p.ListSizes[w]))
            .Where(r => r.ListSize > 0)];
        var period = s.WeekEnding[t].ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return FunnelDetector.Evaluate(DetectionScenario.Policy, period, RatesOn(t), [.. Enumerable.Range(1, FunnelDetector.QuietWeeks).Select(k => RatesOn(t - k))])
            .Select(f => f with { Within = [s.Places[f.Area].SubIcb, s.Places[f.Area].Icb, s.Places[f.Area].Region] });
    }
}
