using ConsentApi.Monitoring.Rates;

namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Decides which of a run's new findings open an investigation and which join one, so that staff work one
/// investigation per event (docs/monitoring.md):
/// <list type="bullet">
/// <item>A finding inside an area flagged the same week in the same direction and policy joins that area's flag (the
/// broadest such area): an area spike is one investigation listing its practices.</item>
/// <item>Otherwise a finding for a unit and direction whose episode is still open (any method) is a later week of it.</item>
/// <item>Otherwise it opens an episode; further findings for the same unit and direction in the run join it.</item>
/// </list>
/// </summary>
public static class FlagGrouping
{
    /// <summary>What an episode is keyed by: policy, level, area and direction (up or down).</summary>
    public static (string Policy, string Level, string Area, string Direction) Key(Finding f) => (f.Policy, f.Level, f.Area, f.Up ? "up" : "down");

    /// <summary>For each finding, in order: null if it opens an episode, else the finding that opens the episode it joins or the open flag's id.</summary>
    public static IReadOnlyList<FlagPlacement> Place(IReadOnlyList<Finding> findings,
        IReadOnlyDictionary<(string Policy, string Level, string Area, string Direction), long> openEpisodes)
    {
        var areaFindings = findings.Where(f => f.Level != RateLevels.Practice)
            .GroupBy(f => (f.Policy, f.Period, f.Up, f.Area))
            .ToDictionary(g => g.Key, g => g.First());
        var openers = new Dictionary<(string, string, string, string), Finding>();
        var placements = new List<FlagPlacement>(findings.Count);
        foreach (var finding in findings)
        {
            var leader = Root(finding, areaFindings);
            var key = Key(leader);
            if (openEpisodes.TryGetValue(key, out var episode))
            {
                placements.Add(new FlagPlacement(finding, null, episode));
            }
            else if (openers.TryGetValue(key, out var opener))
            {
                placements.Add(new FlagPlacement(finding, opener, null));
            }
            else if (ReferenceEquals(leader, finding))
            {
                openers[key] = finding;
                placements.Add(new FlagPlacement(finding, null, null));
            }
            else
            {
                // The area's own finding has not been placed yet: it opens the episode, and this finding joins it.
                openers[key] = leader;
                placements.Add(new FlagPlacement(finding, leader, null));
            }
        }

        // An area finding placed after one of its practices was already named as the opener: it opens, nothing else.
        return [.. placements.Select(p => p.Leader is not null && ReferenceEquals(p.Leader, p.Finding) ? p with { Leader = null } : p)];
    }

    /// <summary>The broadest area containing the finding's unit that has a finding the same week, direction and policy; else the finding itself.</summary>
    private static Finding Root(Finding finding, Dictionary<(string, string, bool, string), Finding> areaFindings)
    {
        foreach (var area in (finding.Within ?? []).Reverse())
        {
            if (areaFindings.TryGetValue((finding.Policy, finding.Period, finding.Up, area), out var found))
            {
                return found;
            }
        }

        return finding;
    }
}
