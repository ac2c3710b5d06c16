namespace ConsentApi.Consents;

/// <summary>
/// One immutable version of one Consent: the canonical FHIR JSON as served, plus the columns that searches use.
/// Rows are only ever inserted; a delete is a new version with <see cref="IsDeleted"/> set and no JSON.
/// </summary>
public sealed class ConsentVersion
{
    /// <summary>Global insertion order; search and history snapshots are taken on it.</summary>
    public long Seq { get; set; }
    public required string ResourceId { get; set; }
    public int VersionId { get; set; }
    public bool IsDeleted { get; set; }

    /// <summary>meta.lastUpdated as UTC ticks (comparable and sortable on every provider).</summary>
    public long LastUpdatedTicks { get; set; }

    /// <summary>POST, PUT or DELETE: the interaction that wrote this version.</summary>
    public required string Method { get; set; }
    public string? ResourceJson { get; set; }
    public string? Status { get; set; }
    public string? PatientNhsNumber { get; set; }
    public long? DateStart { get; set; }
    public long? DateEnd { get; set; }
    public long? PeriodStart { get; set; }
    public long? PeriodEnd { get; set; }
    public List<ConsentSearchToken> Tokens { get; set; } = [];
    public List<ConsentSearchReference> References { get; set; } = [];

    /// <summary>
    /// Stamps <paramref name="consent"/> with its id and meta (versionId, lastUpdated) and makes the version row:
    /// canonical JSON plus search values. The one place the API and the synthetic loader both build versions.
    /// </summary>
    public static ConsentVersion From(Hl7.Fhir.Model.Consent consent, string id, int versionId, string method, DateTimeOffset when)
    {
        consent.Id = id;
        consent.Meta ??= new Hl7.Fhir.Model.Meta();
        consent.Meta.VersionId = versionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        consent.Meta.LastUpdatedElement = FhirAdapters.Primitives.FhirInstant.Element(when);
        var version = new ConsentVersion
        {
            ResourceId = id,
            VersionId = versionId,
            Method = method,
            LastUpdatedTicks = when.UtcTicks,
            ResourceJson = FhirAdapters.Json.FhirJson.Serialize(consent),
        };
        ConsentIndexer.Index(consent, version);
        return version;
    }
}
