namespace FhirAdapters.Model;

/// <summary>Consent.provision: the rule (permit or deny) with its conditions, and nested exceptions.</summary>
public sealed class ConsentProvision : BackboneElement
{
    internal static readonly RequiredBinding TypeBinding =
        RequiredBinding.Of("http://hl7.org/fhir/ValueSet/consent-provision-type", "deny", "permit");

    internal static readonly new FhirTypeInfo Info = new("Consent.provision", () => new ConsentProvision(),
    [
        .. BackboneMembers,
        Elements.Str<ConsentProvision>("type", FhirPrimitiveType.Code, x => x.Type, (x, v) => x.Type = v, binding: TypeBinding),
        Elements.One<ConsentProvision, Period>("period", () => Model.Period.Info, x => x.Period, (x, v) => x.Period = v),
        Elements.Many<ConsentProvision, ConsentProvisionActor>("actor", () => ConsentProvisionActor.Info, x => x.Actor, (x, v) => x.Actor = v),
        Elements.Many<ConsentProvision, CodeableConcept>("action", () => CodeableConcept.Info, x => x.Action, (x, v) => x.Action = v),
        Elements.Many<ConsentProvision, Coding>("securityLabel", () => Coding.Info, x => x.SecurityLabel, (x, v) => x.SecurityLabel = v),
        Elements.Many<ConsentProvision, Coding>("purpose", () => Coding.Info, x => x.Purpose, (x, v) => x.Purpose = v),
        Elements.Many<ConsentProvision, Coding>("class", () => Coding.Info, x => x.Class, (x, v) => x.Class = v),
        Elements.Many<ConsentProvision, CodeableConcept>("code", () => CodeableConcept.Info, x => x.Code, (x, v) => x.Code = v),
        Elements.One<ConsentProvision, Period>("dataPeriod", () => Model.Period.Info, x => x.DataPeriod, (x, v) => x.DataPeriod = v),
        Elements.Many<ConsentProvision, ConsentProvisionData>("data", () => ConsentProvisionData.Info, x => x.Data, (x, v) => x.Data = v),
        Elements.Many<ConsentProvision, ConsentProvision>("provision", () => Info!, x => x.Provision, (x, v) => x.Provision = v),
    ]);

    /// <summary>deny | permit.</summary>
    public string? Type { get; set; }
    public Period? Period { get; set; }
    public List<ConsentProvisionActor>? Actor { get; set; }
    public List<CodeableConcept>? Action { get; set; }
    public List<Coding>? SecurityLabel { get; set; }
    public List<Coding>? Purpose { get; set; }
    public List<Coding>? Class { get; set; }
    public List<CodeableConcept>? Code { get; set; }
    public Period? DataPeriod { get; set; }
    public List<ConsentProvisionData>? Data { get; set; }

    /// <summary>Nested provisions: exceptions to this one.</summary>
    public List<ConsentProvision>? Provision { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
