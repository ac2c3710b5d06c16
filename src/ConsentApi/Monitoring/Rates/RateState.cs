namespace ConsentApi.Monitoring.Rates;

/// <summary>
/// The last day this instance computed, kept so tomorrow's run can be incremental: its active counts, and the hash of
/// the revision they were stored as (if that day has since been recomputed elsewhere, the hash no longer matches and
/// the next run counts everyone).
/// </summary>
public sealed class RateState
{
    private readonly Lock gate = new();
    private (DateOnly Day, string Hash, RateCells Cells)? last;

    public void Keep(DateOnly day, string hash, RateCells cells)
    {
        lock (gate)
        {
            last = (day, hash, cells);
        }
    }

    public RateCells? For(DateOnly day, string? currentHash)
    {
        lock (gate)
        {
            return last is { } l && l.Day == day && l.Hash == currentHash ? l.Cells : null;
        }
    }
}
