namespace FhirAdapters.Model;

/// <summary>An operation a server supports, e.g. <c>$evaluate</c>.</summary>
public sealed class CapabilityStatementOperation : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("CapabilityStatement.rest.resource.operation", () => new CapabilityStatementOperation(),
    [
        .. BackboneMembers,
        Elements.Str<CapabilityStatementOperation>("name", FhirPrimitiveType.String, x => x.Name, (x, v) => x.Name = v, min: 1),
        Elements.Str<CapabilityStatementOperation>("definition", FhirPrimitiveType.Canonical, x => x.Definition, (x, v) => x.Definition = v, min: 1),
        Elements.Str<CapabilityStatementOperation>("documentation", FhirPrimitiveType.Markdown, x => x.Documentation, (x, v) => x.Documentation = v),
    ]);

    public string? Name { get; set; }
    public string? Definition { get; set; }
    public string? Documentation { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
