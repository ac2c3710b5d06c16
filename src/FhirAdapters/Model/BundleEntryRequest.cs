namespace FhirAdapters.Model;

/// <summary>Bundle.entry.request: the interaction that produced a history entry.</summary>
public sealed class BundleEntryRequest : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("Bundle.entry.request", () => new BundleEntryRequest(),
    [
        .. BackboneMembers,
        Elements.Str<BundleEntryRequest>("method", FhirPrimitiveType.Code, x => x.Method, (x, v) => x.Method = v, min: 1,
            binding: RequiredBinding.Of("http://hl7.org/fhir/ValueSet/http-verb", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")),
        Elements.Str<BundleEntryRequest>("url", FhirPrimitiveType.Uri, x => x.Url, (x, v) => x.Url = v, min: 1),
        Elements.Str<BundleEntryRequest>("ifNoneMatch", FhirPrimitiveType.String, x => x.IfNoneMatch, (x, v) => x.IfNoneMatch = v),
        Elements.Str<BundleEntryRequest>("ifModifiedSince", FhirPrimitiveType.Instant, x => x.IfModifiedSince, (x, v) => x.IfModifiedSince = v),
        Elements.Str<BundleEntryRequest>("ifMatch", FhirPrimitiveType.String, x => x.IfMatch, (x, v) => x.IfMatch = v),
        Elements.Str<BundleEntryRequest>("ifNoneExist", FhirPrimitiveType.String, x => x.IfNoneExist, (x, v) => x.IfNoneExist = v),
    ]);

    public string? Method { get; set; }
    public string? Url { get; set; }
    public string? IfNoneMatch { get; set; }
    public string? IfModifiedSince { get; set; }
    public string? IfMatch { get; set; }
    public string? IfNoneExist { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
