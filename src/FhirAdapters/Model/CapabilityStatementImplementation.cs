namespace FhirAdapters.Model;

/// <summary>CapabilityStatement.implementation: the deployed instance.</summary>
public sealed class CapabilityStatementImplementation : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("CapabilityStatement.implementation", () => new CapabilityStatementImplementation(),
    [
        .. BackboneMembers,
        Elements.Str<CapabilityStatementImplementation>("description", FhirPrimitiveType.String,
            x => x.Description, (x, v) => x.Description = v, min: 1),
        Elements.Str<CapabilityStatementImplementation>("url", FhirPrimitiveType.Url, x => x.Url, (x, v) => x.Url = v),
    ]);

    public string? Description { get; set; }
    public string? Url { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
