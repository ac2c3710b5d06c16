namespace FhirAdapters.Model;

/// <summary>An interaction a server supports (read, vread, update, history-type...).</summary>
public sealed class CapabilityStatementInteraction : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("CapabilityStatement.rest.resource.interaction", () => new CapabilityStatementInteraction(),
    [
        .. BackboneMembers,
        Elements.Str<CapabilityStatementInteraction>("code", FhirPrimitiveType.Code, x => x.Code, (x, v) => x.Code = v, min: 1),
        Elements.Str<CapabilityStatementInteraction>("documentation", FhirPrimitiveType.Markdown, x => x.Documentation, (x, v) => x.Documentation = v),
    ]);

    public CapabilityStatementInteraction()
    {
    }

    public CapabilityStatementInteraction(string code, string? documentation = null)
    {
        Code = code;
        Documentation = documentation;
    }

    public string? Code { get; set; }
    public string? Documentation { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
