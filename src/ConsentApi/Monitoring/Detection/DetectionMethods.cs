namespace ConsentApi.Monitoring.Detection;

/// <summary>The names flags carry for the method that raised them (docs/monitoring.md describes each).</summary>
public static class DetectionMethods
{
    public const string FunnelNational = "funnel-national";
    public const string FunnelRegional = "funnel-regional";
    public const string SpcOutsideLimits = "spc-outside-limits";
    public const string SpcTrend = "spc-trend";
    public const string SpcTwoOfThree = "spc-two-of-three";
    public const string SpcShift = "spc-shift";
    public const string PoissonExceedance = "poisson-exceedance";
    public const string Cusum = "cusum";

    public static string ForRule(SpcRule rule) => rule switch
    {
        SpcRule.OutsideLimits => SpcOutsideLimits,
        SpcRule.Trend => SpcTrend,
        SpcRule.TwoOfThreeNearLimit => SpcTwoOfThree,
        SpcRule.Shift => SpcShift,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "No method for no rule."),
    };
}
