namespace FhirAdapters.Model;

/// <summary>CapabilityStatement.rest.security: how clients authenticate.</summary>
public sealed class CapabilityStatementSecurity : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("CapabilityStatement.rest.security", () => new CapabilityStatementSecurity(),
    [
        .. BackboneMembers,
        Elements.Bool<CapabilityStatementSecurity>("cors", x => x.Cors, (x, v) => x.Cors = v),
        Elements.Many<CapabilityStatementSecurity, CodeableConcept>("service", () => CodeableConcept.Info, x => x.Service, (x, v) => x.Service = v),
        Elements.Str<CapabilityStatementSecurity>("description", FhirPrimitiveType.Markdown, x => x.Description, (x, v) => x.Description = v),
    ]);

    public bool? Cors { get; set; }
    public List<CodeableConcept>? Service { get; set; }
    public string? Description { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
