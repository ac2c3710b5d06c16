namespace ConsentApi.Consents.Search;

/// <summary>The search parameters of Consent on this server: every R4 one, plus _id, _lastUpdated and policy.</summary>
public static class ConsentSearchParameters
{
    private const string Spec = "http://hl7.org/fhir/SearchParameter/";

    public static readonly IReadOnlyList<SearchParameterDefinition> All =
    [
        new("_id", SearchParamType.Token, "Consent.id", "The logical id.", Definition: Spec + "Resource-id"),
        new("_lastUpdated", SearchParamType.Date, "Consent.meta.lastUpdated", "When the version was written.", Definition: Spec + "Resource-lastUpdated"),
        new("action", SearchParamType.Token, "Consent.provision.action", "Actions controlled by the top-level provision.", Definition: Spec + "Consent-action"),
        new("actor", SearchParamType.Reference, "Consent.provision.actor.reference", "Who the top-level provision applies to.",
            ["Device", "Group", "CareTeam", "Organization", "Patient", "Practitioner", "RelatedPerson", "PractitionerRole"], Spec + "Consent-actor"),
        new("category", SearchParamType.Token, "Consent.category", "Classification of the consent statement.", Definition: Spec + "Consent-category"),
        new("consentor", SearchParamType.Reference, "Consent.performer", "Who made the choice (the person or a proxy).",
            ["CareTeam", "HealthcareService", "Organization", "Patient", "Practitioner", "RelatedPerson", "PractitionerRole"], Spec + "Consent-consentor"),
        new("data", SearchParamType.Reference, "Consent.provision.data.reference", "Specific resources the top-level provision covers.",
            Definition: Spec + "Consent-data"),
        new("date", SearchParamType.Date, "Consent.dateTime", "When the choice was made.", Definition: Spec + "clinical-date"),
        new("identifier", SearchParamType.Token, "Consent.identifier", "Business identifier of the Consent.", Definition: Spec + "clinical-identifier"),
        new("organization", SearchParamType.Reference, "Consent.organization", "Custodian of the consent (ODS code).", ["Organization"],
            Spec + "Consent-organization"),
        new("patient", SearchParamType.Reference, "Consent.patient",
            "The person. patient:identifier=https://fhir.nhs.uk/Id/nhs-number|{nhs} and patient.identifier=... match the NHS number the reference carries.",
            ["Patient"], Spec + "clinical-patient"),
        new("period", SearchParamType.Date, "Consent.provision.period", "When the top-level provision applies.", Definition: Spec + "Consent-period"),
        new("policy", SearchParamType.Token, "Consent.policy.uri | Consent.policyRule",
            "Registry parameter: the policy the choice is made under (policy.uri as a code with no system, or a policyRule coding)."),
        new("purpose", SearchParamType.Token, "Consent.provision.purpose", "Purpose of use (v3 PurposeOfUse).", Definition: Spec + "Consent-purpose"),
        new("scope", SearchParamType.Token, "Consent.scope", "Which of the four areas this consent covers.", Definition: Spec + "Consent-scope"),
        new("security-label", SearchParamType.Token, "Consent.provision.securityLabel", "Security labels of the top-level provision.",
            Definition: Spec + "Consent-security-label"),
        new("source-reference", SearchParamType.Reference, "Consent.source",
            "Source of the consent (sourceReference).", ["Consent", "Contract", "DocumentReference", "QuestionnaireResponse"], Spec + "Consent-source-reference"),
        new("status", SearchParamType.Token, "Consent.status", "draft | proposed | active | rejected | inactive | entered-in-error.",
            Definition: Spec + "Consent-status"),
    ];

    private static readonly Dictionary<string, SearchParameterDefinition> ByName = All.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out SearchParameterDefinition definition) => ByName.TryGetValue(name, out definition!);

    /// <summary>Fields <c>_sort</c> accepts.</summary>
    public static readonly IReadOnlyList<string> SortFields = ["_id", "_lastUpdated", "date", "period", "status"];
}
