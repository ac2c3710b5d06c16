namespace ConsentApi.Policies;

/// <summary>
/// One choice a person can make, as the catalogue publishes it: what it covers and does not, its default when the
/// person has said nothing, the purposes of use it governs, the data sources it covers and its exemptions.
/// </summary>
public sealed class PolicyDefinition
{
    public required string Id { get; init; }

    /// <summary>The URI a Consent carries in policy.uri to be under this policy.</summary>
    public required string Uri { get; init; }
    public required int Version { get; init; }

    /// <summary>active, or retired (no longer offered; existing choices are still honoured).</summary>
    public required string Status { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required string Covers { get; init; }
    public required string DoesNotStop { get; init; }
    public required string WhereItDoesNotApply { get; init; }

    /// <summary>permit or deny: the decision when the person has no active choice under this policy.</summary>
    public required string DefaultDecision { get; init; }
    public required string DefaultExplanation { get; init; }
    public required IReadOnlyList<PolicyCode> Purposes { get; init; }
    public required IReadOnlyList<string> DataSources { get; init; }

    /// <summary>Codes of the legal bases under which an objection under this policy does not apply.</summary>
    public required IReadOnlyList<string> Exemptions { get; init; }

    /// <summary>Codes that identify this policy in Consent.policyRule (e.g. the SNOMED CT Type 1 code).</summary>
    public required IReadOnlyList<PolicyCode> PolicyRuleCodes { get; init; }

    public bool Governs(string? system, string code) => Purposes.Any(p => p.Matches(system, code));

    public bool CoversSource(string? source) => source is null || DataSources.Contains(source, StringComparer.Ordinal);

    public bool Exempts(string? legalBasis) => legalBasis is not null && Exemptions.Contains(legalBasis, StringComparer.Ordinal);
}
