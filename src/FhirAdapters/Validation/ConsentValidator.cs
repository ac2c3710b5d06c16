using FhirAdapters.Model;
using FhirAdapters.Primitives;

namespace FhirAdapters.Validation;

/// <summary>
/// Validates a Consent for the registry: the R4 rules (<see cref="FhirValidator"/>), invariant ppc-1, the intended
/// ppc-2..ppc-5 (the published R4 expressions compare scope to <c>system='something'</c> and never fire; here they
/// use the real consentscope system), and the registry profile: the patient is identified by a valid NHS number
/// and organisations by ODS code.
/// </summary>
public static class ConsentValidator
{
    public const string ScopeSystem = "http://terminology.hl7.org/CodeSystem/consentscope";

    private static readonly Dictionary<string, string> PatientRequiredByScope = new(StringComparer.Ordinal)
    {
        ["patient-privacy"] = "ppc-2",
        ["research"] = "ppc-3",
        ["adr"] = "ppc-4",
        ["treatment"] = "ppc-5",
    };

    public static IReadOnlyList<OperationOutcomeIssue> Validate(Consent consent)
    {
        var issues = FhirValidator.Validate(consent).ToList();
        CheckInvariants(consent, issues);
        CheckProfile(consent, issues);
        return issues;
    }

    private static void CheckInvariants(Consent consent, List<OperationOutcomeIssue> issues)
    {
        if (consent.Policy is not { Count: > 0 } && consent.PolicyRule is null)
        {
            issues.Add(OperationOutcomeIssue.Error("invariant",
                "Consent needs Consent.policy or Consent.policyRule to say which policy the choice is made under (ppc-1).", "Consent.policy"));
        }

        var scopeCodes = consent.Scope?.Coding?.Where(c => c.System == ScopeSystem).Select(c => c.Code) ?? [];
        foreach (var code in scopeCodes)
        {
            if (code is not null && PatientRequiredByScope.TryGetValue(code, out var rule) && consent.Patient is null)
            {
                issues.Add(OperationOutcomeIssue.Error("invariant",
                    $"Consent.patient is required when Consent.scope is '{code}' ({rule}, applied as intended with system {ScopeSystem}).", "Consent.patient"));
            }
        }
    }

    private static void CheckProfile(Consent consent, List<OperationOutcomeIssue> issues)
    {
        if (consent.Patient is null)
        {
            if (!issues.Any(i => i.Expression?.Contains("Consent.patient") == true))
            {
                issues.Add(OperationOutcomeIssue.Error("required",
                    $"Consent.patient is required by this registry: identify the person by NHS number ({NhsNumber.System}).", "Consent.patient"));
            }
        }
        else if (consent.Patient.Identifier?.System != NhsNumber.System || consent.Patient.Identifier.Value is null)
        {
            issues.Add(OperationOutcomeIssue.Error("required",
                $"Consent.patient.identifier must carry the person's NHS number: system '{NhsNumber.System}' and a 10-digit value.", "Consent.patient.identifier"));
        }

        for (var i = 0; i < (consent.Organization?.Count ?? 0); i++)
        {
            var identifier = consent.Organization![i].Identifier;
            if (identifier?.System != OdsCode.System || identifier.Value is null)
            {
                issues.Add(OperationOutcomeIssue.Error("required",
                    $"Consent.organization[{i}].identifier must carry the organisation's ODS code: system '{OdsCode.System}'.", $"Consent.organization[{i}].identifier"));
            }
        }
    }
}
