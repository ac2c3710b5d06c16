namespace ConsentApi.Monitoring.Rates;

/// <summary>
/// One revision of a day's rates: which run computed it, whether every person was counted, the list-size
/// publication used, and a hash of its rows (a recompute with the same hash adds nothing: idempotent).
/// </summary>
public sealed class RateDay
{
    /// <summary>yyyy-mm-dd (a UTC day).</summary>
    public required string Day { get; init; }
    public int Revision { get; init; }
    public long RunId { get; init; }
    public long ComputedTicks { get; init; }
    public bool FullCount { get; init; }
    public long AppliedSeq { get; init; }
    public int PeopleChanged { get; init; }

    /// <summary>Active objectors with no registration to attribute them to (counted in England's total only).</summary>
    public int Unattributed { get; init; }
    public string? ListSizeDate { get; init; }
    public bool HasBreakdown { get; init; }
    public int RowsWritten { get; init; }
    public required string ContentHash { get; init; }
}
