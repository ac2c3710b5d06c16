using ConsentApi.Monitoring.Detection;
using ConsentApi.Synthetic;

namespace ConsentApi.Tests.Monitoring.Detection;

/// <summary>The over-time detectors on one practice, and their accuracy on seeded synthetic practices (the full report is in docs/monitoring.md).</summary>
public sealed class SeriesDetectorTests
{
    private static WeeklySeries Series(params double[] values) => new("A81001", "national-data-opt-out",
        [.. Enumerable.Range(0, values.Length).Select(i => new DateOnly(2026, 1, 4).AddDays(7 * i))], values, [.. values.Select(_ => 8000L)]);

    [Fact]
    public void Evaluate_WhenTheLatestWeekHas23AndAbout4AreExpected_ThenPoissonFlagsItInPlainWords()
    {
        double[] history = [4, 3, 5, 4, 4, 6, 3, 4, 5, 4, 3, 4, 5, 4];

        var findings = SeriesDetector.Evaluate(Series([.. history, 23]));

        var poisson = Assert.Single(findings, f => f.Method == DetectionMethods.PoissonExceedance);
        Assert.True(poisson.Up);
        Assert.Equal(23, poisson.Observed);
        Assert.Equal("23 new objections in the week ending 12 April 2026, 4.3 expected from the previous 12 weeks (chance of so many: under one in a million).",
            poisson.Summary);
    }

    [Fact]
    public void Evaluate_WhenObjectionsStopForASupplierFault_ThenADropIsFlagged()
    {
        double[] history = [.. Enumerable.Repeat(12.0, 20)];

        var findings = SeriesDetector.Evaluate(Series([.. history, 0]));

        Assert.Contains(findings, f => f.Method == DetectionMethods.PoissonExceedance && !f.Up);
        Assert.Contains(findings, f => f.Method == DetectionMethods.SpcOutsideLimits && !f.Up || f.Method == DetectionMethods.Cusum && !f.Up);
    }

    [Fact]
    public void Evaluate_WhenTheSeriesIsTooShort_ThenNothingIsJudged() => Assert.Empty(SeriesDetector.Evaluate(Series(1, 2, 30)));

    [Fact]
    public void Accuracy_WhenSpikesOf20AreInjected_ThenNearlyAllAreFoundAndTheNullSetStaysUnderTheExpectedRate()
    {
        var report = DetectionAccuracy.Run(seed: 7, practices: 400, historyWeeks: 78, judgedWeeks: 10, spikeSizes: [20]);

        Assert.True(report.Detection[0].AnyDetected >= 0.99, $"found {report.Detection[0].AnyDetected:P1} of +20 spikes");
        // Poisson at α = 0.001 a tail: at most 2 per 1,000 practice-weeks. CUSUM (k 1.04, h 2.26) alarms about 4 per
        // 1,000 on normal data and 9 on small Poisson counts (measured, docs/monitoring.md); the SPC rules add about 1.
        Assert.True(report.FalseFlagsPerThousand.GetValueOrDefault(DetectionMethods.PoissonExceedance) <= 2.0,
            $"Poisson false flags {report.FalseFlagsPerThousand.GetValueOrDefault(DetectionMethods.PoissonExceedance):0.00} per 1,000");
        Assert.True(report.AnyFalsePerThousand <= 15, $"false flags {report.AnyFalsePerThousand:0.00} per 1,000 practice-weeks");
    }
}
