namespace FhirAdapters.Model;

/// <summary>Bundle.entry: one resource in a bundle, with search, request and response details.</summary>
public sealed class BundleEntry : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("Bundle.entry", () => new BundleEntry(),
    [
        .. BackboneMembers,
        Elements.Many<BundleEntry, BundleLink>("link", () => BundleLink.Info, x => x.Link, (x, v) => x.Link = v),
        Elements.Str<BundleEntry>("fullUrl", FhirPrimitiveType.Uri, x => x.FullUrl, (x, v) => x.FullUrl = v),
        Elements.OneResource<BundleEntry>("resource", x => x.Resource, (x, v) => x.Resource = v),
        Elements.One<BundleEntry, BundleEntrySearch>("search", () => BundleEntrySearch.Info, x => x.Search, (x, v) => x.Search = v),
        Elements.One<BundleEntry, BundleEntryRequest>("request", () => BundleEntryRequest.Info, x => x.Request, (x, v) => x.Request = v),
        Elements.One<BundleEntry, BundleEntryResponse>("response", () => BundleEntryResponse.Info, x => x.Response, (x, v) => x.Response = v),
    ]);

    public List<BundleLink>? Link { get; set; }
    public string? FullUrl { get; set; }
    public Resource? Resource { get; set; }
    public BundleEntrySearch? Search { get; set; }
    public BundleEntryRequest? Request { get; set; }
    public BundleEntryResponse? Response { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
