namespace FhirAdapters.Model;

/// <summary>CapabilityStatement.rest: the RESTful endpoint's resources, interactions and operations.</summary>
public sealed class CapabilityStatementRest : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("CapabilityStatement.rest", () => new CapabilityStatementRest(),
    [
        .. BackboneMembers,
        Elements.Str<CapabilityStatementRest>("mode", FhirPrimitiveType.Code, x => x.Mode, (x, v) => x.Mode = v, min: 1,
            binding: RequiredBinding.Of("http://hl7.org/fhir/ValueSet/restful-capability-mode", "client", "server")),
        Elements.Str<CapabilityStatementRest>("documentation", FhirPrimitiveType.Markdown, x => x.Documentation, (x, v) => x.Documentation = v),
        Elements.One<CapabilityStatementRest, CapabilityStatementSecurity>("security", () => CapabilityStatementSecurity.Info,
            x => x.Security, (x, v) => x.Security = v),
        Elements.Many<CapabilityStatementRest, CapabilityStatementResource>("resource", () => CapabilityStatementResource.Info,
            x => x.Resource, (x, v) => x.Resource = v),
        Elements.Many<CapabilityStatementRest, CapabilityStatementInteraction>("interaction", () => CapabilityStatementInteraction.Info,
            x => x.Interaction, (x, v) => x.Interaction = v),
        Elements.Many<CapabilityStatementRest, CapabilityStatementSearchParam>("searchParam", () => CapabilityStatementSearchParam.Info,
            x => x.SearchParam, (x, v) => x.SearchParam = v),
        Elements.Many<CapabilityStatementRest, CapabilityStatementOperation>("operation", () => CapabilityStatementOperation.Info,
            x => x.Operation, (x, v) => x.Operation = v),
    ]);

    public string? Mode { get; set; }
    public string? Documentation { get; set; }
    public CapabilityStatementSecurity? Security { get; set; }
    public List<CapabilityStatementResource>? Resource { get; set; }

    /// <summary>System-level interactions (e.g. history-system).</summary>
    public List<CapabilityStatementInteraction>? Interaction { get; set; }
    public List<CapabilityStatementSearchParam>? SearchParam { get; set; }
    public List<CapabilityStatementOperation>? Operation { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
