namespace FhirAdapters.Model;

/// <summary>AuditEvent.entity: what the event was about (the patient, the Consent, the query).</summary>
public sealed class AuditEventEntity : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("AuditEvent.entity", () => new AuditEventEntity(),
    [
        .. BackboneMembers,
        Elements.One<AuditEventEntity, Reference>("what", () => Reference.Info, x => x.What, (x, v) => x.What = v),
        Elements.One<AuditEventEntity, Coding>("type", () => Coding.Info, x => x.Type, (x, v) => x.Type = v),
        Elements.One<AuditEventEntity, Coding>("role", () => Coding.Info, x => x.Role, (x, v) => x.Role = v),
        Elements.Str<AuditEventEntity>("name", FhirPrimitiveType.String, x => x.Name, (x, v) => x.Name = v),
        Elements.Str<AuditEventEntity>("description", FhirPrimitiveType.String, x => x.Description, (x, v) => x.Description = v),
        Elements.Many<AuditEventEntity, AuditEventEntityDetail>("detail", () => AuditEventEntityDetail.Info, x => x.Detail, (x, v) => x.Detail = v),
    ]);

    public Reference? What { get; set; }
    public Coding? Type { get; set; }
    public Coding? Role { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public List<AuditEventEntityDetail>? Detail { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
