namespace FhirAdapters.Model;

/// <summary>Consent.policy: the policies that this consent is made under.</summary>
public sealed class ConsentPolicy : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("Consent.policy", () => new ConsentPolicy(),
    [
        .. BackboneMembers,
        Elements.Str<ConsentPolicy>("authority", FhirPrimitiveType.Uri, x => x.Authority, (x, v) => x.Authority = v),
        Elements.Str<ConsentPolicy>("uri", FhirPrimitiveType.Uri, x => x.Uri, (x, v) => x.Uri = v),
    ]);

    public string? Authority { get; set; }
    public string? Uri { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
