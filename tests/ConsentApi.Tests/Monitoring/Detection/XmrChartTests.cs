using ConsentApi.Monitoring.Detection;

namespace ConsentApi.Tests.Monitoring.Detection;

/// <summary>The XmR limits and each "Making Data Count" rule, on a baseline worked by hand: mean 10.667, mean moving range 20/11.</summary>
public sealed class XmrChartTests
{
    private static readonly double[] Baseline = [10, 12, 11, 9, 10, 13, 11, 10, 12, 9, 11, 10];
    private static readonly XmrLimits Limits = XmrChart.Limits(Baseline);

    [Fact]
    public void Limits_WhenComputed_ThenMeanPlusMinus266TimesTheMeanMovingRange()
    {
        Assert.Equal(128.0 / 12, Limits.Mean, 10);
        Assert.Equal(20.0 / 11, Limits.MeanMovingRange, 10);
        Assert.Equal(128.0 / 12 + 2.66 * 20 / 11, Limits.Upper, 10);
        Assert.Equal(128.0 / 12 - 2.66 * 20 / 11, Limits.Lower, 10);
        Assert.False(Limits.Trial);
    }

    [Fact]
    public void Limits_WhenOneMovingRangeIsHuge_ThenItIsScreenedOutBeforeTheLimits()
    {
        var limits = XmrChart.Limits([10, 11, 10, 11, 10, 40, 10, 11, 10, 11, 10, 11]);

        // Ranges 1,1,1,1,30,30,1,1,1,1,1: mean 6.27; both 30s are over 3.267 × 6.27 and go, leaving a mean of 1.
        Assert.Equal(1, limits.MeanMovingRange, 10);
    }

    [Fact]
    public void Limits_WhenFewerThan12Points_ThenTheyAreTrialLimits() => Assert.True(XmrChart.Limits([1, 2, 3]).Trial);

    [Theory]
    [InlineData(new double[] { 10, 11, 16 }, SpcRule.OutsideLimits, true)]
    [InlineData(new double[] { 10, 11, 5 }, SpcRule.OutsideLimits, false)]
    [InlineData(new double[] { 9, 9.5, 10, 10.5, 11, 11.5, 12 }, SpcRule.Trend, true)]
    [InlineData(new double[] { 12, 11.5, 11, 10.5, 10, 9.5, 9 }, SpcRule.Trend, false)]
    [InlineData(new double[] { 14.5, 10, 14.2 }, SpcRule.TwoOfThreeNearLimit, true)]
    [InlineData(new double[] { 7, 10, 7.2 }, SpcRule.TwoOfThreeNearLimit, false)]
    [InlineData(new double[] { 11, 12, 11, 12, 11, 12, 11.5 }, SpcRule.Shift, true)]
    [InlineData(new double[] { 10, 9, 10, 9, 10, 9, 9.5 }, SpcRule.Shift, false)]
    [InlineData(new double[] { 10, 11, 10 }, SpcRule.None, false)]
    public void Evaluate_WhenTheLatestPointsFormAPattern_ThenTheHighestPriorityRuleIsReported(double[] recent, SpcRule rule, bool up)
    {
        var signal = XmrChart.Evaluate(recent, Limits);

        Assert.Equal(rule, signal.Rule);
        Assert.Equal(up, signal.Up);
    }

    [Fact]
    public void Evaluate_WhenTwoOfThreeAreNearALimitButNotTheLatest_ThenNoNewSignal() =>
        Assert.Equal(SpcRule.None, XmrChart.Evaluate([14.5, 14.2, 10], Limits).Rule);
}
