namespace ConsentApi.Monitoring.Rates;

/// <summary>
/// One day's counts: active objectors at the end of the day and the day's new objections and withdrawals; for a
/// Sunday also the week's (Monday to Sunday) new objections and withdrawals. <see cref="Full"/> says whether every
/// person was counted or yesterday's counts were carried forward with the day's changes.
/// </summary>
public sealed record RateComputation(DateOnly Day, RateCells Cells, RateCells? Week, long AppliedSeq, int PeopleChanged, bool Full)
{
    /// <summary>Where the time went: reading the changed Consents, bringing the attribution up to date, counting.</summary>
    public (TimeSpan History, TimeSpan Attribution, TimeSpan Counting) Timings { get; init; }
}
