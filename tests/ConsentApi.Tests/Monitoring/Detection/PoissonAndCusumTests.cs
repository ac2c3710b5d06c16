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
    public void Run_WhenTwoWeeksAreWellAboveExpected_ThenTheUpperSumAlarmsOnTheSecond()
    {
        var sums = Cusum.Run([4, 4, 9, 9], 4);

        Assert.Equal([0, 0, 0, 1], sums.Select(s => s.Alarm));
        Assert.Equal(Cusum.Standardise(9, 4) - Cusum.K, sums[2].Upper, 10);
    }

    [Fact]
    public void Run_WhenObjectionsStopArriving_ThenTheLowerSumAlarms()
    {
        var sums = Cusum.Run([8, 0, 0, 0], 8);

        Assert.Contains(-1, sums.Select(s => s.Alarm));
        Assert.DoesNotContain(1, sums.Select(s => s.Alarm));
    }

    [Fact]
    public void Standardise_WhenCountEqualsMean_ThenNearZero() =>
        Assert.InRange(Cusum.Standardise(100, 100), -0.1, 0.1);
}
