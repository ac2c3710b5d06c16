namespace ConsentApi.Monitoring;

/// <summary>A completed import of one month's list sizes: when, by whom, how much.</summary>
public sealed class ListSizeImport
{
    public long Id { get; init; }
    public required string ExtractDate { get; init; }
    public int Practices { get; init; }
    public int RowsImported { get; init; }
    public long ImportedTicks { get; init; }
    public required string ImportedBy { get; init; }
}
