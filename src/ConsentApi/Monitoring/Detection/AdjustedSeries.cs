namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// A unit's recent weeks with what was expected of each once the nation's movement is allowed for
/// (<see cref="NationalAdjustment"/>): <see cref="Observed"/> and <see cref="Expected"/> cover the judged window,
/// oldest first, the last being the judged week (NaN where a week cannot be judged). <see cref="Ratio"/> is the unit's
/// own level against the rest of the nation over its baseline; <see cref="Pearson"/> and <see cref="Freedom"/> are
/// the baseline's Pearson statistic and its degrees of freedom, from which the level's dispersion is estimated.
/// </summary>
public sealed record AdjustedSeries(PanelUnit Unit, IReadOnlyList<DateOnly> Weeks, double[] Observed, double[] Expected, double Ratio, int BaselineWeeks,
    double BaselineMean, double Pearson, int Freedom, bool PerRegisteredPatient);
