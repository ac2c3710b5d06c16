namespace FhirAdapters.Model;

/// <summary>Bundle.entry.response: the outcome of the interaction behind an entry.</summary>
public sealed class BundleEntryResponse : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("Bundle.entry.response", () => new BundleEntryResponse(),
    [
        .. BackboneMembers,
        Elements.Str<BundleEntryResponse>("status", FhirPrimitiveType.String, x => x.Status, (x, v) => x.Status = v, min: 1),
        Elements.Str<BundleEntryResponse>("location", FhirPrimitiveType.Uri, x => x.Location, (x, v) => x.Location = v),
        Elements.Str<BundleEntryResponse>("etag", FhirPrimitiveType.String, x => x.Etag, (x, v) => x.Etag = v),
        Elements.Str<BundleEntryResponse>("lastModified", FhirPrimitiveType.Instant, x => x.LastModified, (x, v) => x.LastModified = v),
        Elements.OneResource<BundleEntryResponse>("outcome", x => x.Outcome, (x, v) => x.Outcome = v),
    ]);

    public string? Status { get; set; }
    public string? Location { get; set; }
    public string? Etag { get; set; }
    public string? LastModified { get; set; }
    public Resource? Outcome { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
