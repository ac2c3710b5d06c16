using ConsentApi.Policies;

namespace ConsentApi.Decisions;

/// <summary>
/// The answer: permit or deny, the policy that decided (null when no policy governs the purpose), the basis (the
/// deciding choice, or null for the policy's default), a plain explanation, and the exemption applied if any.
/// </summary>
public sealed record Decision(bool Permit, PolicyDefinition? Policy, Choice? Basis, string Explanation, LegalBasis? Exemption,
    IReadOnlyList<PolicyOutcome> Outcomes)
{
    /// <summary>Objections that were considered and did not apply because of the request's legal basis.</summary>
    public IEnumerable<PolicyOutcome> Overridden => Outcomes.Where(o => o.Exempted);
}
