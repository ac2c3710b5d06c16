namespace ConsentApi.Consents;

/// <summary>A reference search value of one Consent version: literal (type/id or URL) and/or logical (identifier).</summary>
public sealed class ConsentSearchReference
{
    public long Id { get; set; }
    public long VersionSeq { get; set; }
    public required string Param { get; set; }
    public string? TargetType { get; set; }
    public string? TargetId { get; set; }
    public string? Url { get; set; }
    public string? IdentifierSystem { get; set; }
    public string? IdentifierValue { get; set; }
}
