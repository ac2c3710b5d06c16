using FhirAdapters.Model;
using FhirAdapters.Primitives;

namespace ConsentApi.Demo;

/// <summary>
/// Demonstration Consents: national data opt-outs (research, planning) and Type 1 objections for a few synthetic
/// people with valid test-style NHS numbers, captured through different channels.
/// </summary>
public static class DemoConsents
{
    public const string DemoIdentifierSystem = "https://consentregistry.example/Id/demo-consent";
    public const string PolicyBase = "https://consentregistry.example/policy/";
    public const string ChannelExtension = "https://consentregistry.example/fhir/StructureDefinition/capture-channel";
    private const string PurposeOfUse = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    public static IReadOnlyList<(string Key, Consent Consent)> All() =>
    [
        ("demo-001", NationalOptOut("9434765919", "research", "HRESCH", "OP", "2025-06-02T10:15:00Z", "A81001")),
        ("demo-002", NationalOptOut("9434765919", "planning", "HOPERAT", "OP", "2025-06-02T10:16:00Z", "A81001")),
        ("demo-003", NationalOptOut("9434765870", "research", "HRESCH", "CC", "2024-11-20T14:02:00Z", "A81002")),
        ("demo-004", TypeOne("9434765870", "GP", "2018-03-14T09:30:00Z", "A81002")),
        ("demo-005", NationalOptOut("9000000009", "planning", "HOPERAT", "PP", "2026-01-09T11:45:00Z", "B82005")),
        ("demo-006", TypeOne("9000000017", "GP", "2014-02-21T16:05:00Z", "B82005")),
    ];

    private static Consent NationalOptOut(string nhs, string purpose, string purposeCode, string channel, string when, string ods) =>
        Base(nhs, channel, when, ods, $"{PolicyBase}national-data-opt-out/{purpose}", new ConsentProvision
        {
            Type = "deny",
            Purpose = [new Coding(PurposeOfUse, purposeCode)],
        });

    private static Consent TypeOne(string nhs, string channel, string when, string ods)
    {
        var consent = Base(nhs, channel, when, ods, $"{PolicyBase}type-1", new ConsentProvision
        {
            Type = "deny",
            Purpose = [new Coding(PurposeOfUse, "HRESCH"), new Coding(PurposeOfUse, "HOPERAT")],
        });
        consent.PolicyRule = new CodeableConcept("http://snomed.info/sct", "827241000000103",
            "Dissent from secondary use of general practitioner patient identifiable data");
        return consent;
    }

    private static Consent Base(string nhs, string channel, string when, string ods, string policy, ConsentProvision provision) => new()
    {
        Extension = [new Extension { Url = ChannelExtension, Value = FhirPrimitive.Code(channel) }],
        Status = "active",
        Scope = new CodeableConcept(ConsentValidatorScope, "patient-privacy", "Privacy Consent"),
        Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent")],
        Patient = Reference.ToIdentifier("Patient", NhsNumber.System, nhs),
        DateTime = when,
        Performer = [Reference.ToIdentifier("Patient", NhsNumber.System, nhs)],
        Organization = [Reference.ToIdentifier("Organization", OdsCode.System, ods)],
        Policy = [new ConsentPolicy { Uri = policy }],
        Provision = provision,
    };

    private const string ConsentValidatorScope = FhirAdapters.Validation.ConsentValidator.ScopeSystem;
}
