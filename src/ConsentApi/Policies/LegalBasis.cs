namespace ConsentApi.Policies;

/// <summary>A legal basis under which an objection may not apply (an exemption when a policy lists it).</summary>
public sealed record LegalBasis(string Code, string Title, string Explanation);
