namespace ConsentApi.Monitoring.Rates;

/// <summary>
/// Objection counts for one area (a practice, sub-ICB, ICB, region or England), policy, sex and age band on a day,
/// with the list size they are a rate of (null when no publication covers the area). Sex and age band "ALL" is the
/// total; the breakdown is stored on month ends (the national statistics' periods).
/// </summary>
public sealed class ObjectionRate
{
    public required string Day { get; init; }
    public int Revision { get; init; }
    public required string Level { get; init; }
    public required string AreaCode { get; init; }
    public required string Policy { get; init; }
    public required string Sex { get; init; }
    public required string AgeBand { get; init; }
    public int NewObjections { get; init; }
    public int Withdrawals { get; init; }
    public int ActiveObjectors { get; init; }
    public int? ListSize { get; init; }

    /// <summary>Active objectors per 100 registered patients.</summary>
    public double? Rate => ListSize is > 0 ? Math.Round(100.0 * ActiveObjectors / ListSize.Value, 4) : null;
}
