using ConsentApi.Policies;
using FhirAdapters.Model;

namespace ConsentApi.Decisions;

/// <summary>Maps a <see cref="Decision"/> to $evaluate's output Parameters.</summary>
public static class DecisionParameters
{
    public static Parameters ToParameters(Decision decision, PolicyCatalogue catalogue)
    {
        var parameters = new List<ParametersParameter>
        {
            new() { Name = "decision", Value = FhirPrimitive.Code(decision.Permit ? "permit" : "deny") },
        };
        if (decision.Policy is { } policy)
        {
            parameters.Add(new ParametersParameter { Name = "policy", Value = new FhirPrimitive(FhirPrimitiveType.Uri, policy.Uri) });
        }

        parameters.Add(new ParametersParameter
        {
            Name = "basis",
            Value = decision.Basis is { } basis
                ? new Reference { ReferenceValue = $"Consent/{basis.ResourceId}/_history/{basis.VersionId}", Type = "Consent" }
                : new Reference { Display = decision.Policy is null ? "No policy governs this purpose" : $"Default of policy {decision.Policy.Id}: {decision.Policy.DefaultDecision}" },
        });
        parameters.Add(new ParametersParameter { Name = "explanation", Value = FhirPrimitive.String(decision.Explanation) });
        if (decision.Exemption is { } exemption)
        {
            parameters.Add(new ParametersParameter
            {
                Name = "exemption",
                Value = new Coding(catalogue.Document.LegalBasisSystem, exemption.Code, exemption.Title),
            });
        }

        parameters.AddRange(decision.Outcomes.Select(o => new ParametersParameter
        {
            Name = "policyOutcome",
            Part =
            [
                new ParametersParameter { Name = "policy", Value = new FhirPrimitive(FhirPrimitiveType.Uri, o.Policy.Uri) },
                new ParametersParameter { Name = "decision", Value = FhirPrimitive.Code(o.Deny && !o.Exempted ? "deny" : "permit") },
                new ParametersParameter { Name = "fromChoice", Value = FhirPrimitive.Boolean(o.Basis is not null) },
                new ParametersParameter { Name = "exempted", Value = FhirPrimitive.Boolean(o.Exempted) },
            ],
        }));
        return new Parameters { Parameter = parameters };
    }
}
