using ConsentApi.Monitoring.Detection;

namespace ConsentApi.Tests.Monitoring.Detection;

public sealed class PoissonAndCusumTests
{
    [Theory]
    [InlineData(10, 2.0, 4.649808e-05)] // 1 − ppois(9, 2)
    [InlineData(1, 0.5, 0.3934693)] // 1 − e^−0.5
    [InlineData(0, 3.0, 1.0)]
    [InlineData(3, 3.0, 0.5768099)] // 1 − ppois(2, 3)
    public void UpperTail_WhenComputed_ThenMatchesTheExactSum(long k, double mean, double expected) =>
        Assert.Equal(expected, Poisson.UpperTail(k, mean), 6);

    [Fact]
    public void Tails_WhenFarOut_ThenStayAccurateNotZeroOrOne()
    {
        Assert.Equal(Math.Exp(-10), Poisson.LowerTail(0, 10), 12);
        var tail = Poisson.UpperTail(1200, 1000);
        Assert.InRange(tail, 1e-12, 1e-8);
        Assert.Equal(1.0, Poisson.UpperTail(1000, 1000) + Poisson.LowerTail(999, 1000), 9);
    }

    [Fact]
    public void Run_WhenCountsDoubleForThreeWeeksAtFourAWeek_ThenTheSumCrossesTheRiseThresholdFromTheFirstDoubledWeek()
    {
        var run = Cusum.Run([4, 4, 8, 8, 8], [4, 4, 4, 4, 4], 2, 1);

        Assert.Equal(3 * (8 * Math.Log(2) - 4), run.Sum, 10);
        Assert.True(run.Sum >= SeriesDetector.RiseThreshold);
        Assert.Equal(2, run.Start);
        Assert.Equal((24.0, 12.0), (run.Observed, run.Expected));
    }

    [Fact]
    public void Run_WhenCountsAreAsExpected_ThenTheSumStaysAtZero()
    {
        var run = Cusum.Run([4, 5, 3, 4], [4, 4, 4, 4], 2, 1);

        Assert.Equal((0.0, -1), (run.Sum, run.Start));
    }

    [Fact]
    public void Run_WhenTheCountsVaryTwiceAsMuchAsPoisson_ThenEachWeekCountsHalf() =>
        Assert.Equal(Cusum.Run([8, 8], [4, 4], 2, 1).Sum / 2, Cusum.Run([8, 8], [4, 4], 2, 2).Sum, 10);

    [Fact]
    public void Run_WhenObjectionsStopArriving_ThenTheHalvingSumGrowsByHalfTheExpectedEachWeek() =>
        Assert.Equal(3 * 0.5 * 8, Cusum.Run([8, 0, 0, 0], [8, 8, 8, 8], 0.5, 1).Sum, 10);

    [Fact]
    public void Upper_WhenDispersionIsOne_ThenItIsThePoissonTail() =>
        Assert.Equal(Poisson.UpperTail(12, 4), CountTails.Upper(12, 4, 1), 12);

    [Fact]
    public void Upper_WhenCountsVaryMoreThanPoisson_ThenTheSameCountIsLessSurprising()
    {
        var poisson = CountTails.Upper(12, 4, 1);
        var overdispersed = CountTails.Upper(12, 4, 2);

        Assert.True(overdispersed > 5 * poisson, $"{overdispersed} against {poisson}");
        Assert.Equal(1.0, CountTails.Upper(12, 4, 2) + CountTails.Lower(11, 4, 2), 9);
    }

    [Fact]
    public void LogGamma_WhenGivenWholeNumbers_ThenItIsTheLogOfTheFactorial()
    {
        Assert.Equal(Math.Log(24), CountTails.LogGamma(5), 10);
        Assert.Equal(0.5 * Math.Log(Math.PI), CountTails.LogGamma(0.5), 10);
    }
}
