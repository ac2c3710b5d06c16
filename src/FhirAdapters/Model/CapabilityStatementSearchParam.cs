namespace FhirAdapters.Model;

/// <summary>A search parameter a server supports, with its type and how it is interpreted.</summary>
public sealed class CapabilityStatementSearchParam : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("CapabilityStatement.rest.resource.searchParam", () => new CapabilityStatementSearchParam(),
    [
        .. BackboneMembers,
        Elements.Str<CapabilityStatementSearchParam>("name", FhirPrimitiveType.String, x => x.Name, (x, v) => x.Name = v, min: 1),
        Elements.Str<CapabilityStatementSearchParam>("definition", FhirPrimitiveType.Canonical, x => x.Definition, (x, v) => x.Definition = v),
        Elements.Str<CapabilityStatementSearchParam>("type", FhirPrimitiveType.Code, x => x.Type, (x, v) => x.Type = v, min: 1,
            binding: RequiredBinding.Of("http://hl7.org/fhir/ValueSet/search-param-type",
                "number", "date", "string", "token", "reference", "composite", "quantity", "uri", "special")),
        Elements.Str<CapabilityStatementSearchParam>("documentation", FhirPrimitiveType.Markdown, x => x.Documentation, (x, v) => x.Documentation = v),
    ]);

    public string? Name { get; set; }
    public string? Definition { get; set; }
    public string? Type { get; set; }
    public string? Documentation { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
