using ConsentApi.Monitoring.Detection;
using ConsentApi.Monitoring.Rates;

namespace ConsentApi.Tests.Monitoring.Detection;

/// <summary>Detection on small hand-built panels: what the nation does is not a practice's event; what a practice or an area does alone is.</summary>
public sealed class PanelDetectorTests
{
    [Fact]
    public void Judge_WhenTheWholeNationFallsTo40PercentInAWeek_ThenNoPracticeOrAreaIsFlagged()
    {
        // 30 a week to 12 at every practice: against its own past alone each would be a drop (P(X ≤ 12 | 30) ≈ 0.0001).
        var judgement = new PanelBuilder(24, 12, 40, 30).Nation(39, 0.4).Judge();

        Assert.Empty(judgement.Findings);
        Assert.Equal(24, judgement.PracticesJudged);
    }

    [Fact]
    public void Judge_WhenOnePracticeTriplesInAWeek_ThenOneExceedanceSaysSoInPlainWords()
    {
        var judgement = new PanelBuilder(24, 12, 40, 6).Count(0, 0, 5).Count(0, 39, 15).Judge();

        var finding = Assert.Single(judgement.Findings);
        Assert.Equal((DetectionMethods.Exceedance, RateLevels.Practice, "P00", true), (finding.Method, finding.Level, finding.Area, finding.Up));
        Assert.Equal(["S0", "I0", "R0"], finding.Within);
        Assert.StartsWith("15 new objections in the week ending 4 October 2020 where 5 were expected (the practice's level over 35 earlier weeks, "
            + "its list size and England's movement that week); chance of so many: about 1 in ", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_WhenEveryPracticeOfASubIcbTriples_ThenTheSubIcbIsFlaggedNamingItsPractices()
    {
        // 2 a week to 6: too few for any one practice to be flagged, 24 to 72 across the sub-ICB. The other sub-ICBs are as
        // usual, so the nation's movement (their median) is too: each practice still expects 2, and no other area falls.
        var builder = new PanelBuilder(48, 12, 40, 2);
        for (var p = 12; p < 24; p++)
        {
            builder.Count(p, 39, 6);
        }

        var findings = builder.Judge().Findings;

        Assert.DoesNotContain(findings, f => f.Level == RateLevels.Practice || !f.Up);
        var area = Assert.Single(findings, f => f.Level == RateLevels.SubIcb);
        Assert.Equal(("S1", true, 72.0), (area.Area, area.Up, area.Observed));
        Assert.Contains("12 of its 12 practices were above their own expectation: P12 (6 against 2), P13 (6 against 2)", area.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_WhenAPracticeHasDoubledForThreeWeeks_ThenCusumFindsTheSurge()
    {
        var judgement = new PanelBuilder(48, 12, 40, 4).Count(3, 37, 8).Judge();

        var finding = Assert.Single(judgement.Findings);
        Assert.Equal((DetectionMethods.Cusum, "P03", true), (finding.Method, finding.Area, finding.Up));
        Assert.StartsWith("24 new objections over the 3 weeks to 4 October 2020 where 12 were expected", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_WhenTheSameDoublingHasLastedTwoWeeks_ThenItIsNotYetASignal() =>
        Assert.Empty(new PanelBuilder(48, 12, 40, 4).Count(3, 38, 8).Judge().Findings);

    [Fact]
    public void Judge_WhenObjectionsStopArrivingAtALargePractice_ThenADropIsFlagged()
    {
        var finding = Assert.Single(new PanelBuilder(24, 12, 40, 12).Count(5, 39, 0).Judge().Findings, f => f.Level == RateLevels.Practice);

        Assert.Equal((DetectionMethods.Exceedance, "P05", false), (finding.Method, finding.Area, finding.Up));
    }

    [Fact]
    public void Judge_WhenAPracticeAbsorbsAnotherWhosePatientsObjectMore_ThenTheJumpIsNotASignal()
    {
        // List 8,000 → 16,000 and 4 a week → 14 from week 30: per patient the merged practice objects more than before.
        var builder = new PanelBuilder(24, 12, 40, 4).ListSize(0, 30, 16000).Count(0, 30, 14);

        Assert.DoesNotContain(builder.Judge().Findings, f => f.Level == RateLevels.Practice);
        Assert.Null(builder.Adjusted(0));
    }

    [Fact]
    public void Adjust_WhenAPracticesListGrows_ThenItsExpectationGrowsWithIt()
    {
        var adjusted = new PanelBuilder(48, 12, 40, 4).ListSize(2, 37, 8800).Adjusted(2)!;

        Assert.Equal(4.4, adjusted.Expected[^1], 2);
        Assert.Equal(4.0, adjusted.Expected[0], 2);
    }
}
