namespace ConsentApi.Monitoring.Detection;

/// <summary>An XmR chart's centre line and limits, from a baseline; <see cref="Trial"/> when the baseline is under 12 points.</summary>
public sealed record XmrLimits(double Mean, double MeanMovingRange, double Lower, double Upper, int BaselinePoints)
{
    public bool Trial => BaselinePoints < XmrChart.MinimumBaseline;

    /// <summary>Two-thirds of the way from the mean to the lower and upper limits (the "near a limit" lines).</summary>
    public double NearLower => Mean - 2.0 / 3.0 * (Mean - Lower);
    public double NearUpper => Mean + 2.0 / 3.0 * (Upper - Mean);
}
