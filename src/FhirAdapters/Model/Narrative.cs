namespace FhirAdapters.Model;

/// <summary>FHIR Narrative: the human-readable XHTML summary of a resource.</summary>
public sealed class Narrative : DataType
{
    internal static readonly new FhirTypeInfo Info = new("Narrative", () => new Narrative(),
    [
        .. ElementMembers,
        Elements.Str<Narrative>("status", FhirPrimitiveType.Code, x => x.Status, (x, v) => x.Status = v, min: 1,
            binding: RequiredBinding.Of("http://hl7.org/fhir/ValueSet/narrative-status", "generated", "extensions", "additional", "empty")),
        Elements.Str<Narrative>("div", FhirPrimitiveType.Xhtml, x => x.Div, (x, v) => x.Div = v, min: 1, sibling: false),
    ]);

    public string? Status { get; set; }
    public string? Div { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
