namespace ConsentApi.Monitoring.Rates;

/// <summary>
/// Where a person was registered from a moment: a practice (by its number in <see cref="PopulationAttribution"/>; −1 from a
/// death or removal), sex and birth year.
/// </summary>
public readonly record struct Registration(int Practice, short BirthYear, bool Female, long FromTicks);
