namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// One practice's weekly new objections under one policy, oldest first, with the list size each week (0 when no
/// publication covers it). <see cref="WeekEnding"/> holds the Sunday that ends each week.
/// </summary>
public sealed record WeeklySeries(string Ods, string Policy, IReadOnlyList<DateOnly> WeekEnding, IReadOnlyList<double> NewObjections,
    IReadOnlyList<long> ListSize);
