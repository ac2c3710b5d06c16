using Hl7.Fhir.Model;

namespace ConsentApi.Policies;

/// <summary>
/// The policy catalogue in memory, as loaded from the database at start-up. Decisions and the index ask it which
/// policy a Consent is under and which policies govern a purpose. Replaced whole (never edited) when reloaded.
/// </summary>
public sealed class PolicyCatalogue
{
    private volatile PolicyCatalogueDocument? document;

    public PolicyCatalogueDocument Document => document ?? throw new InvalidOperationException("The policy catalogue has not been loaded yet.");

    public IReadOnlyList<PolicyDefinition> Policies => Document.Policies;

    public void Load(PolicyCatalogueDocument loaded) => document = Normalise(loaded);

    public PolicyDefinition? Find(string id) => Policies.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    /// <summary>The index in <see cref="Policies"/> of the policy a Consent is under (policy.uri, then policyRule), or -1.</summary>
    public int IndexOf(Consent consent)
    {
        var policies = Policies;
        for (var i = 0; i < policies.Count; i++)
        {
            var policy = policies[i];
            if (consent.Policy?.Any(p => string.Equals(p.Uri, policy.Uri, StringComparison.Ordinal)) == true
                || consent.PolicyRule?.Coding?.Any(c => c.Code is { } code && policy.PolicyRuleCodes.Any(r => r.Matches(c.System, code))) == true)
            {
                return i;
            }
        }

        return -1;
    }

    public LegalBasis? LegalBasis(string code) => Document.LegalBases.FirstOrDefault(b => string.Equals(b.Code, code, StringComparison.Ordinal));

    public bool IsDataSource(string code) => Document.DataSources.Any(s => string.Equals(s.Code, code, StringComparison.Ordinal));

    private static PolicyCatalogueDocument Normalise(PolicyCatalogueDocument loaded)
    {
        // A purpose without a system is an HL7 v3 PurposeOfUse code.
        foreach (var policy in loaded.Policies)
        {
            if (policy.Purposes.Any(p => p.System is null))
            {
                return new PolicyCatalogueDocument
                {
                    PurposeSystem = loaded.PurposeSystem,
                    LegalBasisSystem = loaded.LegalBasisSystem,
                    DataSourceSystem = loaded.DataSourceSystem,
                    LegalBases = loaded.LegalBases,
                    DataSources = loaded.DataSources,
                    Policies = [.. loaded.Policies.Select(p => WithSystems(p, loaded.PurposeSystem))],
                };
            }
        }

        return loaded;
    }

    private static PolicyDefinition WithSystems(PolicyDefinition p, string system) => new()
    {
        Id = p.Id,
        Uri = p.Uri,
        Version = p.Version,
        Status = p.Status,
        Title = p.Title,
        Summary = p.Summary,
        Covers = p.Covers,
        DoesNotStop = p.DoesNotStop,
        WhereItDoesNotApply = p.WhereItDoesNotApply,
        DefaultDecision = p.DefaultDecision,
        DefaultExplanation = p.DefaultExplanation,
        Purposes = [.. p.Purposes.Select(c => c with { System = c.System ?? system })],
        DataSources = p.DataSources,
        Exemptions = p.Exemptions,
        PolicyRuleCodes = p.PolicyRuleCodes,
    };
}
