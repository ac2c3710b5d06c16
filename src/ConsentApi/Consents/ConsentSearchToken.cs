namespace ConsentApi.Consents;

/// <summary>A token search value (system, code, text) of one Consent version, e.g. category or purpose.</summary>
public sealed class ConsentSearchToken
{
    public long Id { get; set; }
    public long VersionSeq { get; set; }
    public required string Param { get; set; }
    public string? System { get; set; }
    public string? Code { get; set; }

    /// <summary>Display and text, lower-cased, for the :text modifier.</summary>
    public string? Text { get; set; }
}
