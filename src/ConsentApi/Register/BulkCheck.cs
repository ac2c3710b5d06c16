namespace ConsentApi.Register;

/// <summary>One bulk opt-out check, as the register keeps it: for which disclosure, by whom, and the counts.</summary>
public sealed class BulkCheck
{
    public required string Id { get; set; }
    public required string DisclosureId { get; set; }
    public long RequestedTicks { get; set; }
    public required string AgentId { get; set; }
    public string? AgentOrg { get; set; }
    public required string Purpose { get; set; }
    public long Checked { get; set; }
    public long Excluded { get; set; }
    public long Overridden { get; set; }
    public long Invalid { get; set; }

    /// <summary>completed, or rejected (invalid numbers: nothing was checked).</summary>
    public required string Outcome { get; set; }
    public string? NumbersSha256 { get; set; }
    public long? AuditSeq { get; set; }
}
