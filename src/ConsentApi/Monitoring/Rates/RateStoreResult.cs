namespace ConsentApi.Monitoring.Rates;

/// <summary>What storing a day's rates did: the revision now current, and whether it was new or the same counts as before.</summary>
public sealed record RateStoreResult(RateDay Day, bool Unchanged, int WeekRows);
