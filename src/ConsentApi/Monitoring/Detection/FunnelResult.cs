namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// A funnel plot worked out: the target proportion, the overdispersion found (φ and τ² on the arcsine scale), and per
/// unit its z-score against the adjusted limits and its 95% and 99.8% limits as proportions.
/// </summary>
public sealed record FunnelResult(double Target, double Phi, double Tau2, IReadOnlyList<FunnelUnit> Units)
{
    /// <summary>The limits for a unit of <paramref name="population"/> (for drawing the funnel's curves).</summary>
    public (double Lower95, double Upper95, double Lower998, double Upper998) LimitsFor(long population) =>
        FunnelPlot.Limits(Target, Tau2, population);
}
