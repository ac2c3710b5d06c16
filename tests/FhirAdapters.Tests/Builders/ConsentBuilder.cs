using Hl7.Fhir.Model;
using FhirAdapters.Primitives;

namespace FhirAdapters.Tests.Builders;

/// <summary>Builds valid registry Consents (national data opt-out shaped) that tests then vary.</summary>
public sealed class ConsentBuilder
{
    public const string PolicyBase = "https://consentregistry.example/policy/";
    private const string ActReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    private readonly Consent _consent;

    public ConsentBuilder(string? nhsNumber = null)
    {
        var nhs = nhsNumber ?? TestNhsNumbers.Next();
        _consent = new Consent
        {
            Status = Consent.ConsentState.Active,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent")],
            Patient = FhirReferences.ToIdentifier("Patient", FhirAdapters.Primitives.NhsNumber.System, nhs),
            DateTime = "2025-06-02T10:15:00Z",
            Organization = [FhirReferences.ToIdentifier("Organization", OdsCode.System, "A81001")],
            Policy = [new Consent.PolicyComponent { Uri = PolicyBase + "national-data-opt-out/research" }],
            Provision = new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Deny, Purpose = [new Coding(ActReason, "HRESCH")] },
        };
    }

    public string NhsNumber => _consent.Patient!.Identifier!.Value!;

    public ConsentBuilder WithStatus(string status) => With(c => c.StatusElement = new Code<Consent.ConsentState> { JsonValue = status });

    public ConsentBuilder WithPolicy(string name) => With(c => c.Policy = [new Consent.PolicyComponent { Uri = PolicyBase + name }]);

    public ConsentBuilder WithPurpose(string code) => With(c => c.Provision!.Purpose = [new Coding(ActReason, code)]);

    public ConsentBuilder WithDateTime(string? value) => With(c => c.DateTime = value);

    public ConsentBuilder WithPeriod(string? start, string? end) => With(c => c.Provision!.Period = new Period { Start = start, End = end });

    public ConsentBuilder WithOrganization(string ods) => With(c => c.Organization = [FhirReferences.ToIdentifier("Organization", OdsCode.System, ods)]);

    public ConsentBuilder WithIdentifier(string system, string value) => With(c => c.Identifier = [new Identifier(system, value)]);

    public ConsentBuilder With(Action<Consent> change)
    {
        change(_consent);
        return this;
    }

    public Consent Build() => _consent;
}
