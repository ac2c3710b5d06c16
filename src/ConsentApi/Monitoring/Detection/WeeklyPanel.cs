using ConsentApi.Monitoring.Rates;

namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Every practice's weekly new objections and list size under one policy over the same weeks, with the nation's
/// totals each week (the reference every unit is adjusted by) and the roll-ups to sub-ICB, ICB and region.
/// </summary>
public sealed class WeeklyPanel
{
    public WeeklyPanel(string policy, IReadOnlyList<DateOnly> weeks, IReadOnlyList<PanelUnit> practices)
    {
        Policy = policy;
        Weeks = weeks;
        Practices = practices;
        NationalCounts = new double[weeks.Count];
        ListedCounts = new double[weeks.Count];
        NationalListSizes = new double[weeks.Count];
        foreach (var practice in practices)
        {
            for (var t = 0; t < weeks.Count; t++)
            {
                NationalCounts[t] += practice.Counts[t];
                if (practice.ListSizes[t] > 0)
                {
                    ListedCounts[t] += practice.Counts[t];
                    NationalListSizes[t] += practice.ListSizes[t];
                }
            }
        }
    }

    public string Policy { get; }
    public IReadOnlyList<DateOnly> Weeks { get; }
    public IReadOnlyList<PanelUnit> Practices { get; }

    /// <summary>All practices' new objections each week.</summary>
    public double[] NationalCounts { get; }

    /// <summary>New objections of the practices with a list size that week, and the sum of those list sizes: the national rate's parts.</summary>
    public double[] ListedCounts { get; }
    public double[] NationalListSizes { get; }

    /// <summary>
    /// The practices of each sub-ICB, ICB and region added up, week by week. A week counts an area's list size only if
    /// every member practice with objections that week has one, so a missing publication cannot look like a change.
    /// </summary>
    public IReadOnlyList<PanelUnit> Areas(IReadOnlyDictionary<string, PracticePlace> places)
    {
        var units = new List<PanelUnit>();
        foreach (var (level, pick, within) in Levels)
        {
            foreach (var group in Practices.Where(p => places.ContainsKey(p.Area)).GroupBy(p => pick(places[p.Area]), StringComparer.Ordinal))
            {
                var counts = new double[Weeks.Count];
                var lists = new double[Weeks.Count];
                var complete = new bool[Weeks.Count];
                Array.Fill(complete, true);
                foreach (var practice in group)
                {
                    for (var t = 0; t < Weeks.Count; t++)
                    {
                        counts[t] += practice.Counts[t];
                        lists[t] += practice.ListSizes[t];
                        complete[t] &= practice.ListSizes[t] > 0 || practice.Counts[t] == 0;
                    }
                }

                for (var t = 0; t < Weeks.Count; t++)
                {
                    lists[t] = complete[t] ? lists[t] : 0;
                }

                var first = places[group.First().Area];
                units.Add(new PanelUnit(level, group.Key, counts, lists, within(first), [.. group.Select(p => p.Area)]));
            }
        }

        return units;
    }

    private static readonly (string Level, Func<PracticePlace, string> Pick, Func<PracticePlace, IReadOnlyList<string>> Within)[] Levels =
    [
        (RateLevels.SubIcb, p => p.SubIcb, p => [p.Icb, p.Region]),
        (RateLevels.Icb, p => p.Icb, p => [p.Region]),
        (RateLevels.Region, p => p.Region, _ => []),
    ];
}
