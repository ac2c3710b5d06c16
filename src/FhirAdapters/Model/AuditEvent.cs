namespace FhirAdapters.Model;

/// <summary>
/// FHIR R4 AuditEvent: who did what to whose record, when, why and with what outcome. The model holds the
/// elements the registry writes (R4 AuditEvent minus agent.location/media/network and entity.lifecycle/
/// securityLabel/query); a JSON document using those others is refused by the reader as unknown elements.
/// </summary>
public sealed class AuditEvent : DomainResource
{
    internal static readonly RequiredBinding ActionBinding = RequiredBinding.Of("http://hl7.org/fhir/ValueSet/audit-event-action", "C", "R", "U", "D", "E");
    internal static readonly RequiredBinding OutcomeBinding = RequiredBinding.Of("http://hl7.org/fhir/ValueSet/audit-event-outcome", "0", "4", "8", "12");

    internal static readonly FhirTypeInfo Info = new("AuditEvent", () => new AuditEvent(),
    [
        .. DomainMembers,
        Elements.One<AuditEvent, Coding>("type", () => Coding.Info, x => x.Type, (x, v) => x.Type = v, min: 1),
        Elements.Many<AuditEvent, Coding>("subtype", () => Coding.Info, x => x.Subtype, (x, v) => x.Subtype = v),
        Elements.Str<AuditEvent>("action", FhirPrimitiveType.Code, x => x.Action, (x, v) => x.Action = v, binding: ActionBinding),
        Elements.One<AuditEvent, Period>("period", () => Model.Period.Info, x => x.Period, (x, v) => x.Period = v),
        Elements.Str<AuditEvent>("recorded", FhirPrimitiveType.Instant, x => x.Recorded, (x, v) => x.Recorded = v, min: 1),
        Elements.Str<AuditEvent>("outcome", FhirPrimitiveType.Code, x => x.Outcome, (x, v) => x.Outcome = v, binding: OutcomeBinding),
        Elements.Str<AuditEvent>("outcomeDesc", FhirPrimitiveType.String, x => x.OutcomeDesc, (x, v) => x.OutcomeDesc = v),
        Elements.Many<AuditEvent, CodeableConcept>("purposeOfEvent", () => CodeableConcept.Info,
            x => x.PurposeOfEvent, (x, v) => x.PurposeOfEvent = v),
        Elements.Many<AuditEvent, AuditEventAgent>("agent", () => AuditEventAgent.Info, x => x.Agent, (x, v) => x.Agent = v, min: 1),
        Elements.One<AuditEvent, AuditEventSource>("source", () => AuditEventSource.Info, x => x.Source, (x, v) => x.Source = v, min: 1),
        Elements.Many<AuditEvent, AuditEventEntity>("entity", () => AuditEventEntity.Info, x => x.Entity, (x, v) => x.Entity = v),
    ], isResource: true);

    public Coding? Type { get; set; }
    public List<Coding>? Subtype { get; set; }

    /// <summary>C | R | U | D | E.</summary>
    public string? Action { get; set; }
    public Period? Period { get; set; }
    public string? Recorded { get; set; }

    /// <summary>0 (success) | 4 (minor failure) | 8 (serious failure) | 12 (major failure).</summary>
    public string? Outcome { get; set; }
    public string? OutcomeDesc { get; set; }
    public List<CodeableConcept>? PurposeOfEvent { get; set; }
    public List<AuditEventAgent>? Agent { get; set; }
    public AuditEventSource? Source { get; set; }
    public List<AuditEventEntity>? Entity { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
