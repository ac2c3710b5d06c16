namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Something a detection method found unusual: which method, for which area, policy and period, what was observed
/// against what was expected, the limits and z-score where the method has them, and the same in plain words.
/// <see cref="Within"/> holds the codes of the areas containing the unit (smallest first), so that a practice's
/// finding can be grouped under an area flagged the same week.
/// </summary>
public sealed record Finding(string Method, string Policy, string Level, string Area, string Period, bool Up, double Observed, double Expected,
    double? Lower95, double? Upper95, double? Lower998, double? Upper998, double? Z, string Summary, IReadOnlyList<string>? Within = null);
