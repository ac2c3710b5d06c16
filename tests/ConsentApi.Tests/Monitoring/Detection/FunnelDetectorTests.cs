using ConsentApi.Monitoring.Detection;

namespace ConsentApi.Tests.Monitoring.Detection;

public sealed class FunnelDetectorTests
{
    private static List<PracticeRate> Country(double rate, int practices = 60) =>
        [.. Enumerable.Range(0, practices).Select(i => new PracticeRate($"P{i:D3}", i % 2 == 0 ? "Y56" : "Y58", (long)Math.Round((5000 + 100 * i) * rate),
            5000 + 100 * i))];

    [Fact]
    public void Evaluate_WhenOnePracticeIsFarAboveTheRest_ThenItAloneIsFlaggedNationallyAndRegionally()
    {
        var current = Country(0.03);
        current[7] = current[7] with { Objectors = current[7].ListSize / 5 };

        var findings = FunnelDetector.Evaluate("national-data-opt-out", "2026-11-15", current, []);

        Assert.All(findings, f => Assert.Equal("P007", f.Area));
        Assert.Contains(findings, f => f.Method == DetectionMethods.FunnelNational && f.Up);
        Assert.Contains(findings, f => f.Method == DetectionMethods.FunnelRegional);
        Assert.Contains("20.00% of 5,700 registered patients object", findings[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WhenTheWholeCountryRisesTogether_ThenNoPracticeIsFlagged()
    {
        var findings = FunnelDetector.Evaluate("national-data-opt-out", "2026-11-15", Country(0.0497), [Country(0.0277)]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Evaluate_WhenThePracticeWasAlreadyOutsideLastPeriod_ThenItIsNotFlaggedAgain()
    {
        var current = Country(0.03);
        current[7] = current[7] with { Objectors = current[7].ListSize / 5 };

        var findings = FunnelDetector.Evaluate("national-data-opt-out", "2026-11-15", current, [current]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Evaluate_WhenThePracticeWasOutsideThreeWeeksAgoAndInsideSince_ThenItsCrossingIsNotFlaggedAgain()
    {
        var high = Country(0.03);
        high[7] = high[7] with { Objectors = high[7].ListSize / 5 };

        var findings = FunnelDetector.Evaluate("national-data-opt-out", "2026-11-15", high, [Country(0.03), Country(0.03), high]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Evaluate_WhenThePracticesListDoubledSinceLastWeek_ThenItsNewRateIsNotFlagged()
    {
        var current = Country(0.03);
        current[7] = current[7] with { Objectors = current[7].ListSize / 5 };
        var before = Country(0.03);
        before[7] = before[7] with { ListSize = current[7].ListSize / 2 };

        var findings = FunnelDetector.Evaluate("national-data-opt-out", "2026-11-15", current, [before]);

        Assert.Empty(findings);
    }
}
