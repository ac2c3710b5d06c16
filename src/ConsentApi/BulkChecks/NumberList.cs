namespace ConsentApi.BulkChecks;

/// <summary>What reading a bulk-check list found: how many numbers, the invalid lines (the first thousand), and its format.</summary>
public sealed record NumberList(long Count, long InvalidCount, IReadOnlyList<InvalidLine> Invalid, bool TrailingComma, bool CrLf)
{
    public const int MaxReported = 1000;
}
