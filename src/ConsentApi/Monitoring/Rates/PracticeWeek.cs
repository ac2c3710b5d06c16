namespace ConsentApi.Monitoring.Rates;

/// <summary>A practice's new objections and withdrawals over a week (Monday to Sunday) under one policy: the series detection reads.</summary>
public sealed class PracticeWeek
{
    /// <summary>The Sunday that ends the week, yyyy-mm-dd.</summary>
    public required string WeekEnding { get; init; }
    public int Revision { get; init; }
    public required string OdsCode { get; init; }
    public required string Policy { get; init; }
    public int NewObjections { get; init; }
    public int Withdrawals { get; init; }
    public int ActiveObjectors { get; init; }
    public int? ListSize { get; init; }
}
