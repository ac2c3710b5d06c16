namespace FhirAdapters.Model;

/// <summary>FHIR R4 Consent: a person's choices about how their data may be shared, with every R4 element.</summary>
public sealed class Consent : DomainResource
{
    internal static readonly RequiredBinding StatusBinding = RequiredBinding.Of("http://hl7.org/fhir/ValueSet/consent-state-codes",
        "draft", "proposed", "active", "rejected", "inactive", "entered-in-error");

    internal static readonly FhirTypeInfo Info = new("Consent", () => new Consent(),
    [
        .. DomainMembers,
        Elements.Many<Consent, Identifier>("identifier", () => Model.Identifier.Info, x => x.Identifier, (x, v) => x.Identifier = v),
        Elements.Str<Consent>("status", FhirPrimitiveType.Code, x => x.Status, (x, v) => x.Status = v, min: 1, binding: StatusBinding),
        Elements.One<Consent, CodeableConcept>("scope", () => CodeableConcept.Info, x => x.Scope, (x, v) => x.Scope = v, min: 1),
        Elements.Many<Consent, CodeableConcept>("category", () => CodeableConcept.Info, x => x.Category, (x, v) => x.Category = v, min: 1),
        Elements.One<Consent, Reference>("patient", () => Reference.Info, x => x.Patient, (x, v) => x.Patient = v),
        Elements.Str<Consent>("dateTime", FhirPrimitiveType.DateTime, x => x.DateTime, (x, v) => x.DateTime = v),
        Elements.Many<Consent, Reference>("performer", () => Reference.Info, x => x.Performer, (x, v) => x.Performer = v),
        Elements.Many<Consent, Reference>("organization", () => Reference.Info, x => x.Organization, (x, v) => x.Organization = v),
        Elements.Choice<Consent>("source",
            [Elements.Complex("Attachment", () => Attachment.Info), Elements.Complex("Reference", () => Reference.Info)],
            x => x.Source, (x, v) => x.Source = v),
        Elements.Many<Consent, ConsentPolicy>("policy", () => ConsentPolicy.Info, x => x.Policy, (x, v) => x.Policy = v),
        Elements.One<Consent, CodeableConcept>("policyRule", () => CodeableConcept.Info, x => x.PolicyRule, (x, v) => x.PolicyRule = v),
        Elements.Many<Consent, ConsentVerification>("verification", () => ConsentVerification.Info,
            x => x.Verification, (x, v) => x.Verification = v),
        Elements.One<Consent, ConsentProvision>("provision", () => ConsentProvision.Info, x => x.Provision, (x, v) => x.Provision = v),
    ], isResource: true);

    public List<Identifier>? Identifier { get; set; }

    /// <summary>draft | proposed | active | rejected | inactive | entered-in-error.</summary>
    public string? Status { get; set; }
    public CodeableConcept? Scope { get; set; }
    public List<CodeableConcept>? Category { get; set; }
    public Reference? Patient { get; set; }
    public string? DateTime { get; set; }
    public List<Reference>? Performer { get; set; }
    public List<Reference>? Organization { get; set; }

    /// <summary>source[x]: an <see cref="Attachment"/> or a <see cref="Reference"/>.</summary>
    public DataType? Source { get; set; }
    public List<ConsentPolicy>? Policy { get; set; }
    public CodeableConcept? PolicyRule { get; set; }
    public List<ConsentVerification>? Verification { get; set; }
    public ConsentProvision? Provision { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
