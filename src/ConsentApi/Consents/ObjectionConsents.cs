using Hl7.Fhir.Model;
using FhirAdapters.Primitives;
using FhirAdapters.Validation;

namespace ConsentApi.Consents;

/// <summary>Builds the Consents that record objections, as the demo data and the synthetic population use them.</summary>
public static class ObjectionConsents
{
    private const string PurposeOfUse = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /// <summary>A national data opt-out: deny research (HRESCH) and planning (HOPERAT), held nationally (X26).</summary>
    public static Consent NationalDataOptOut(string nhsNumber, string channel, string dateTime) =>
        Objection(nhsNumber, channel, dateTime, "X26", RegistryPolicies.NationalDataOptOut,
            [new Coding(PurposeOfUse, "HRESCH", "healthcare research"), new Coding(PurposeOfUse, "HOPERAT", "healthcare operations")]);

    /// <summary>A Type 1 objection recorded at the GP practice <paramref name="practiceOds"/>.</summary>
    public static Consent TypeOne(string nhsNumber, string channel, string dateTime, string practiceOds)
    {
        // Type 1 covers every purpose beyond direct care that the policy governs, so the provision names no purpose.
        var consent = Objection(nhsNumber, channel, dateTime, practiceOds, RegistryPolicies.TypeOne, null);
        consent.PolicyRule = new CodeableConcept("http://snomed.info/sct", RegistryPolicies.TypeOneSnomed,
            "Dissent from secondary use of general practitioner patient identifiable data");
        return consent;
    }

    private static Consent Objection(string nhsNumber, string channel, string dateTime, string ods, string policy, List<Coding>? purposes) => new()
    {
        Extension = [new Extension { Url = RegistryPolicies.ChannelExtension, Value = new Code(channel) }],
        Status = Consent.ConsentState.Active,
        Scope = new CodeableConcept(ConsentValidator.ScopeSystem, "patient-privacy", "Privacy Consent"),
        Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent")],
        Patient = FhirReferences.ToIdentifier("Patient", NhsNumber.System, nhsNumber),
        DateTime = dateTime,
        Performer = [FhirReferences.ToIdentifier("Patient", NhsNumber.System, nhsNumber)],
        Organization = [FhirReferences.ToIdentifier("Organization", OdsCode.System, ods)],
        Policy = [new Consent.PolicyComponent { Uri = policy }],
        Provision = new Consent.provisionComponent
        {
            Type = Consent.ConsentProvisionType.Deny,
            Purpose = purposes,
        },
    };
}
