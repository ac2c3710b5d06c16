using ConsentApi.Monitoring.Detection;

namespace ConsentApi.Tests.Monitoring.Detection;

/// <summary>Funnel limits and the overdispersion adjustment against values worked by hand (docs/monitoring.md shows the working).</summary>
public sealed class FunnelPlotTests
{
    private static readonly FunnelPoint[] Practices =
    [
        new("A", 30, 1000), new("B", 45, 1200), new("C", 10, 800), new("D", 80, 1500), new("E", 25, 900),
        new("F", 60, 1100), new("G", 5, 700), new("H", 40, 1000), new("I", 35, 950), new("J", 120, 2000),
    ];

    [Fact]
    public void Compute_WhenPracticesVaryMoreThanChance_ThenPhiAndTau2MatchTheWorkedValues()
    {
        var funnel = FunnelPlot.Compute(Practices);

        Assert.Equal(0.0403587, funnel.Target, 6);
        Assert.Equal(7.849945, funnel.Phi, 1e-5);
        Assert.Equal(0.00175194, funnel.Tau2, 7);
    }

    [Fact]
    public void LimitsFor_WhenOverdispersed_ThenTheyWidenByTau2AsWorked()
    {
        var funnel = FunnelPlot.Compute(Practices);

        var (lower95, upper95, lower998, upper998) = funnel.LimitsFor(1000);

        Assert.Equal(0.0130704, lower95, 6);
        Assert.Equal(0.0817501, upper95, 6);
        Assert.Equal(0.0040910, lower998, 6);
        Assert.Equal(0.1115520, upper998, 6);
        Assert.Equal(-2.56191, funnel.Units.Single(u => u.Area == "G").Z, 4);
    }

    [Fact]
    public void Compute_WhenEveryPracticeHasTheSameRate_ThenNoOverdispersionAndNobodyOutside()
    {
        var funnel = FunnelPlot.Compute([new("A", 50, 1000), new("B", 100, 2000), new("C", 25, 500), new("D", 150, 3000)]);

        Assert.Equal(0, funnel.Tau2);
        Assert.DoesNotContain(funnel.Units, u => u.Outside95);
        var (_, upper95, _, _) = funnel.LimitsFor(1000);
        Assert.Equal(Math.Pow(Math.Sin(Math.Asin(Math.Sqrt(0.05)) + FunnelPlot.Z95 / (2 * Math.Sqrt(1000))), 2), upper95, 10);
    }

    [Fact]
    public void Quantile_WhenBetweenOrderStatistics_ThenInterpolatesLikeRsDefault()
    {
        Assert.Equal(1.9, FunnelPlot.Quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.10), 10);
        Assert.Equal(9.1, FunnelPlot.Quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.90), 10);
    }
}
