namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// One unit's weekly series under a policy, oldest first: a practice, or a sub-ICB, ICB or region (its practices
/// added up). <see cref="ListSizes"/> is 0 in a week no list-size publication covers. <see cref="Within"/> holds the
/// codes of the areas that contain the unit, smallest first; <see cref="Members"/> the practices in it.
/// </summary>
public sealed record PanelUnit(string Level, string Area, double[] Counts, double[] ListSizes, IReadOnlyList<string> Within, IReadOnlyList<string> Members);
