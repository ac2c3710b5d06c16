using FhirAdapters.Outcomes;
using FhirAdapters.Primitives;
using FhirAdapters.Profiles;
using Hl7.Fhir.Model;

namespace FhirAdapters.Validation;

/// <summary>
/// Validates a Consent for the registry: Firely's validator against the registry profile (which brings the R4 rules,
/// invariants and bindings with it), then the rules no profile can say: an NHS number's check digit.
/// </summary>
public static class ConsentValidator
{
    public const string ScopeSystem = "http://terminology.hl7.org/CodeSystem/consentscope";

    /// <summary>Every issue found (errors, warnings and information); callers refuse on errors.</summary>
    public static IReadOnlyList<OperationOutcome.IssueComponent> Validate(Consent consent, string profile = RegistryConformance.ConsentProfile)
    {
        var issues = ProfileValidator.Shared.Validate(consent, profile).Issue.Where(i => !IsSuccessNote(i)).ToList();
        CheckNhsNumber(consent.Patient?.Identifier, "Consent.patient.identifier.value", issues);
        for (var i = 0; i < consent.Performer.Count; i++)
        {
            CheckNhsNumber(consent.Performer[i].Identifier, $"Consent.performer[{i}].identifier.value", issues);
        }

        return issues;
    }

    private static void CheckNhsNumber(Identifier? identifier, string path, List<OperationOutcome.IssueComponent> issues)
    {
        if (identifier?.System == NhsNumber.System && identifier.Value is { } value && NhsNumber.Problem(value) is { } problem)
        {
            issues.Add(Issues.Error("value", $"{path}: {problem}", path));
        }
    }

    /// <summary>The validator reports "validation successful" as an information issue; it is not a finding.</summary>
    private static bool IsSuccessNote(OperationOutcome.IssueComponent issue) =>
        issue.Severity == OperationOutcome.IssueSeverity.Information && issue.Details?.Coding.Any(c => c.Code == "5000") == true;
}
