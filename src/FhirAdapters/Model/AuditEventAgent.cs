namespace FhirAdapters.Model;

/// <summary>AuditEvent.agent: an actor taking part in the event (the client system, its organisation, a person).</summary>
public sealed class AuditEventAgent : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("AuditEvent.agent", () => new AuditEventAgent(),
    [
        .. BackboneMembers,
        Elements.One<AuditEventAgent, CodeableConcept>("type", () => CodeableConcept.Info, x => x.Type, (x, v) => x.Type = v),
        Elements.Many<AuditEventAgent, CodeableConcept>("role", () => CodeableConcept.Info, x => x.Role, (x, v) => x.Role = v),
        Elements.One<AuditEventAgent, Reference>("who", () => Reference.Info, x => x.Who, (x, v) => x.Who = v),
        Elements.Str<AuditEventAgent>("altId", FhirPrimitiveType.String, x => x.AltId, (x, v) => x.AltId = v),
        Elements.Str<AuditEventAgent>("name", FhirPrimitiveType.String, x => x.Name, (x, v) => x.Name = v),
        Elements.Bool<AuditEventAgent>("requestor", x => x.Requestor, (x, v) => x.Requestor = v, min: 1),
        Elements.StrList<AuditEventAgent>("policy", FhirPrimitiveType.Uri, x => x.Policy, (x, v) => x.Policy = v),
        Elements.Many<AuditEventAgent, CodeableConcept>("purposeOfUse", () => CodeableConcept.Info,
            x => x.PurposeOfUse, (x, v) => x.PurposeOfUse = v),
    ]);

    public CodeableConcept? Type { get; set; }
    public List<CodeableConcept>? Role { get; set; }
    public Reference? Who { get; set; }
    public string? AltId { get; set; }
    public string? Name { get; set; }
    public bool? Requestor { get; set; }
    public List<string>? Policy { get; set; }
    public List<CodeableConcept>? PurposeOfUse { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
