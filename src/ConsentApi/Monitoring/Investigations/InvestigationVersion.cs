namespace ConsentApi.Monitoring.Investigations;

/// <summary>
/// One state of a flag's investigation. Version 1 (status open) is written with the flag; every change after is a
/// new version, so the dated history of who changed what is the table itself.
/// </summary>
public sealed class InvestigationVersion
{
    public long FlagId { get; init; }
    public int Version { get; init; }

    /// <summary>open, investigating, explained or dismissed.</summary>
    public required string Status { get; init; }
    public string? Assignee { get; init; }

    /// <summary>For explained or dismissed: local-publicity, coding-or-supplier-error, genuine-local-concern, data-correction or other.</summary>
    public string? Outcome { get; init; }
    public string? Note { get; init; }
    public required string ChangedBy { get; init; }
    public long ChangedTicks { get; init; }
}
