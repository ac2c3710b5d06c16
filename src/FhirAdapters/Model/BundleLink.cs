namespace FhirAdapters.Model;

/// <summary>Bundle.link and Bundle.entry.link: a related URL such as the next page.</summary>
public sealed class BundleLink : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("Bundle.link", () => new BundleLink(),
    [
        .. BackboneMembers,
        Elements.Str<BundleLink>("relation", FhirPrimitiveType.String, x => x.Relation, (x, v) => x.Relation = v, min: 1),
        Elements.Str<BundleLink>("url", FhirPrimitiveType.Uri, x => x.Url, (x, v) => x.Url = v, min: 1),
    ]);

    public string? Relation { get; set; }
    public string? Url { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
