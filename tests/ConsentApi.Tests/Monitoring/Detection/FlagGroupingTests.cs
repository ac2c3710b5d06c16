using ConsentApi.Monitoring.Detection;
using ConsentApi.Monitoring.Rates;

namespace ConsentApi.Tests.Monitoring.Detection;

/// <summary>Which findings open an investigation and which join one: one per area event, one per practice episode whatever the method.</summary>
public sealed class FlagGroupingTests
{
    private static readonly Dictionary<(string, string, string, string), long> NoneOpen = [];

    [Fact]
    public void Place_WhenThreePracticesAreFlaggedBeforeTheirSubIcbAndIcbTheSameWeek_ThenOnlyTheIcbOpensAnEpisode()
    {
        Finding[] findings = [Practice("P01"), Practice("P02"), Practice("P03", DetectionMethods.FunnelNational), Area(RateLevels.SubIcb, "S1", "I1", "R1"),
            Area(RateLevels.Icb, "I1", "R1")];

        var placed = FlagGrouping.Place(findings, NoneOpen);

        var opener = Assert.Single(placed, p => p.Leader is null && p.Episode is null);
        Assert.Equal("I1", opener.Finding.Area);
        Assert.All(placed.Where(p => p != opener), p => Assert.Same(opener.Finding, p.Leader));
    }

    [Fact]
    public void Place_WhenAPracticesRiseEpisodeIsOpen_ThenAFindingOfAnotherMethodJoinsItAndAFallOpensItsOwn()
    {
        var open = new Dictionary<(string, string, string, string), long> { [("national-data-opt-out", RateLevels.Practice, "P01", "up")] = 41 };

        var placed = FlagGrouping.Place([Practice("P01", DetectionMethods.Cusum), Practice("P01", up: false)], open);

        Assert.Equal(41, placed[0].Episode);
        Assert.Equal((null, null), (placed[1].Leader, placed[1].Episode));
    }

    [Fact]
    public void Place_WhenTheAreaIsFlaggedInTheOtherDirection_ThenThePracticeIsNotGroupedUnderIt()
    {
        var placed = FlagGrouping.Place([Practice("P01"), Area(RateLevels.SubIcb, "S1", "I1", "R1") with { Up = false }], NoneOpen);

        Assert.All(placed, p => Assert.Equal((null, null), (p.Leader, p.Episode)));
    }

    private static Finding Practice(string ods, string method = DetectionMethods.Exceedance, bool up = true) =>
        new(method, "national-data-opt-out", RateLevels.Practice, ods, "2026-11-29", up, 15, 5, null, null, null, null, 4.5, "test", ["S1", "I1", "R1"]);

    private static Finding Area(string level, string code, params string[] within) =>
        new(DetectionMethods.Exceedance, "national-data-opt-out", level, code, "2026-11-29", true, 72, 24, null, null, null, null, 9.8, "test", within);
}
