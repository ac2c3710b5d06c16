namespace FhirAdapters.Model;

/// <summary>FHIR Bundle: search results (searchset) and version histories (history).</summary>
public sealed class Bundle : Resource
{
    internal static readonly FhirTypeInfo Info = new("Bundle", () => new Bundle(),
    [
        .. ResourceMembers,
        Elements.One<Bundle, Identifier>("identifier", () => Model.Identifier.Info, x => x.Identifier, (x, v) => x.Identifier = v),
        Elements.Str<Bundle>("type", FhirPrimitiveType.Code, x => x.Type, (x, v) => x.Type = v, min: 1,
            binding: RequiredBinding.Of("http://hl7.org/fhir/ValueSet/bundle-type", "document", "message", "transaction",
                "transaction-response", "batch", "batch-response", "history", "searchset", "collection")),
        Elements.Str<Bundle>("timestamp", FhirPrimitiveType.Instant, x => x.Timestamp, (x, v) => x.Timestamp = v),
        Elements.Int<Bundle>("total", FhirPrimitiveType.UnsignedInt, x => x.Total, (x, v) => x.Total = v),
        Elements.Many<Bundle, BundleLink>("link", () => BundleLink.Info, x => x.Link, (x, v) => x.Link = v),
        Elements.Many<Bundle, BundleEntry>("entry", () => BundleEntry.Info, x => x.Entry, (x, v) => x.Entry = v),
    ], isResource: true);

    public Identifier? Identifier { get; set; }

    /// <summary>searchset | history | ... (bundle-type).</summary>
    public string? Type { get; set; }
    public string? Timestamp { get; set; }
    public int? Total { get; set; }
    public List<BundleLink>? Link { get; set; }
    public List<BundleEntry>? Entry { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;

    /// <summary>The URL of the link with this relation (self, next, previous...), or null.</summary>
    public string? LinkUrl(string relation) => Link?.FirstOrDefault(l => l.Relation == relation)?.Url;
}
