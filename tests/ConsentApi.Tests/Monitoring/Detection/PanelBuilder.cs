using ConsentApi.Monitoring.Detection;
using ConsentApi.Monitoring.Rates;

namespace ConsentApi.Tests.Monitoring.Detection;

/// <summary>
/// Builds a policy's weekly panel for detection tests: practices P00, P01, … in sub-ICBs of a given size (S0, S1, …),
/// two sub-ICBs to an ICB (I0, I1, …) and one ICB to a region (R0, R1, …), each with a steady weekly count and list
/// size that a test then changes week by week.
/// </summary>
public sealed class PanelBuilder(int practices, int perSubIcb, int weeks, double weekly, double listSize = 8000)
{
    public static readonly DateOnly FirstWeek = new(2020, 1, 5);

    private readonly double[][] _counts = [.. Enumerable.Range(0, practices).Select(_ => Enumerable.Repeat(weekly, weeks).ToArray())];
    private readonly double[][] _lists = [.. Enumerable.Range(0, practices).Select(_ => Enumerable.Repeat(listSize, weeks).ToArray())];

    public int Last => weeks - 1;

    public static string Code(int practice) => $"P{practice:00}";

    public PanelBuilder Count(int practice, int fromWeek, double count) => Set(_counts, practice, fromWeek, count);

    public PanelBuilder ListSize(int practice, int fromWeek, double size) => Set(_lists, practice, fromWeek, size);

    /// <summary>Every practice's count in one week multiplied (the nation moving).</summary>
    public PanelBuilder Nation(int week, double factor)
    {
        foreach (var counts in _counts)
        {
            counts[week] = Math.Round(counts[week] * factor);
        }

        return this;
    }

    public Dictionary<string, PracticePlace> Places() => Enumerable.Range(0, practices)
        .ToDictionary(Code, i => new PracticePlace($"S{i / perSubIcb}", $"I{i / perSubIcb / 2}", $"R{i / perSubIcb / 2}"));

    public WeeklyPanel Build()
    {
        var places = Places();
        var units = Enumerable.Range(0, practices).Select(i => new PanelUnit(RateLevels.Practice, Code(i), _counts[i], _lists[i],
            [places[Code(i)].SubIcb, places[Code(i)].Icb, places[Code(i)].Region], [Code(i)])).ToList();
        return new WeeklyPanel("national-data-opt-out", [.. Enumerable.Range(0, weeks).Select(w => FirstWeek.AddDays(7 * w))], units);
    }

    public PanelJudgement Judge() => PanelDetector.Judge(Build(), Places(), Last);

    /// <summary>One practice's window as the detector sees it in the last week.</summary>
    public AdjustedSeries? Adjusted(int practice)
    {
        var panel = Build();
        var (baselineStart, windowStart) = NationalAdjustment.Window(Last);
        var movement = NationalMovement.Measure(panel, [.. panel.Areas(Places()).Where(a => a.Level == RateLevels.SubIcb)], baselineStart, windowStart, Last);
        return NationalAdjustment.Adjust(panel, panel.Practices[practice], Last, movement);
    }

    private PanelBuilder Set(double[][] values, int practice, int fromWeek, double value)
    {
        for (var w = fromWeek; w < weeks; w++)
        {
            values[practice][w] = value;
        }

        return this;
    }
}
