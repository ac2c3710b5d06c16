namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// The names flags carry for the method that raised them (docs/monitoring.md describes each). Flags raised before
/// national adjustment carry the older names (poisson-exceedance, spc-*); they stay as they were stored.
/// </summary>
public static class DetectionMethods
{
    public const string FunnelNational = "funnel-national";
    public const string FunnelRegional = "funnel-regional";

    /// <summary>One week far above or below what was expected, allowing for the nation's movement.</summary>
    public const string Exceedance = "exceedance";

    /// <summary>A sustained rise or fall over recent weeks, allowing for the nation's movement.</summary>
    public const string Cusum = "cusum";

    public static readonly IReadOnlyList<string> Current = [Exceedance, Cusum, FunnelNational, FunnelRegional];
}
