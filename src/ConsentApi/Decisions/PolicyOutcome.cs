using ConsentApi.Policies;

namespace ConsentApi.Decisions;

/// <summary>What one policy says about a request: deny or permit, from the person's choice (<see cref="Basis"/>) or its default.</summary>
public sealed record PolicyOutcome(PolicyDefinition Policy, bool Deny, Choice? Basis, bool Exempted)
{
    /// <summary>The person objected under this policy (a deny from their own choice, not a default).</summary>
    public bool IsObjection => Deny && Basis is not null;
}
