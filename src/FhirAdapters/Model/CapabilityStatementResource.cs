namespace FhirAdapters.Model;

/// <summary>CapabilityStatement.rest.resource: what is supported for one resource type.</summary>
public sealed class CapabilityStatementResource : BackboneElement
{
    private static readonly RequiredBinding ConditionalDeleteBinding =
        RequiredBinding.Of("http://hl7.org/fhir/ValueSet/conditional-delete-status", "not-supported", "single", "multiple");

    internal static readonly new FhirTypeInfo Info = new("CapabilityStatement.rest.resource", () => new CapabilityStatementResource(),
    [
        .. BackboneMembers,
        Elements.Str<CapabilityStatementResource>("type", FhirPrimitiveType.Code, x => x.Type, (x, v) => x.Type = v, min: 1),
        Elements.Str<CapabilityStatementResource>("profile", FhirPrimitiveType.Canonical, x => x.Profile, (x, v) => x.Profile = v),
        Elements.StrList<CapabilityStatementResource>("supportedProfile", FhirPrimitiveType.Canonical,
            x => x.SupportedProfile, (x, v) => x.SupportedProfile = v),
        Elements.Str<CapabilityStatementResource>("documentation", FhirPrimitiveType.Markdown, x => x.Documentation, (x, v) => x.Documentation = v),
        Elements.Many<CapabilityStatementResource, CapabilityStatementInteraction>("interaction", () => CapabilityStatementInteraction.Info,
            x => x.Interaction, (x, v) => x.Interaction = v),
        Elements.Str<CapabilityStatementResource>("versioning", FhirPrimitiveType.Code, x => x.Versioning, (x, v) => x.Versioning = v,
            binding: RequiredBinding.Of("http://hl7.org/fhir/ValueSet/versioning-policy", "no-version", "versioned", "versioned-update")),
        Elements.Bool<CapabilityStatementResource>("readHistory", x => x.ReadHistory, (x, v) => x.ReadHistory = v),
        Elements.Bool<CapabilityStatementResource>("updateCreate", x => x.UpdateCreate, (x, v) => x.UpdateCreate = v),
        Elements.Bool<CapabilityStatementResource>("conditionalCreate", x => x.ConditionalCreate, (x, v) => x.ConditionalCreate = v),
        Elements.Str<CapabilityStatementResource>("conditionalRead", FhirPrimitiveType.Code, x => x.ConditionalRead, (x, v) => x.ConditionalRead = v,
            binding: RequiredBinding.Of("http://hl7.org/fhir/ValueSet/conditional-read-status",
                "not-supported", "modified-since", "not-match", "full-support")),
        Elements.Bool<CapabilityStatementResource>("conditionalUpdate", x => x.ConditionalUpdate, (x, v) => x.ConditionalUpdate = v),
        Elements.Str<CapabilityStatementResource>("conditionalDelete", FhirPrimitiveType.Code,
            x => x.ConditionalDelete, (x, v) => x.ConditionalDelete = v, binding: ConditionalDeleteBinding),
        Elements.StrList<CapabilityStatementResource>("searchInclude", FhirPrimitiveType.String, x => x.SearchInclude, (x, v) => x.SearchInclude = v),
        Elements.Many<CapabilityStatementResource, CapabilityStatementSearchParam>("searchParam", () => CapabilityStatementSearchParam.Info,
            x => x.SearchParam, (x, v) => x.SearchParam = v),
        Elements.Many<CapabilityStatementResource, CapabilityStatementOperation>("operation", () => CapabilityStatementOperation.Info,
            x => x.Operation, (x, v) => x.Operation = v),
    ]);

    public string? Type { get; set; }
    public string? Profile { get; set; }
    public List<string>? SupportedProfile { get; set; }
    public string? Documentation { get; set; }
    public List<CapabilityStatementInteraction>? Interaction { get; set; }
    public string? Versioning { get; set; }
    public bool? ReadHistory { get; set; }
    public bool? UpdateCreate { get; set; }
    public bool? ConditionalCreate { get; set; }
    public string? ConditionalRead { get; set; }
    public bool? ConditionalUpdate { get; set; }
    public string? ConditionalDelete { get; set; }
    public List<string>? SearchInclude { get; set; }
    public List<CapabilityStatementSearchParam>? SearchParam { get; set; }
    public List<CapabilityStatementOperation>? Operation { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
