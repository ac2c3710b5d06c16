namespace ConsentApi.Policies;

/// <summary>The catalogue as published: the vocabularies and every policy's current version.</summary>
public sealed class PolicyCatalogueDocument
{
    public required string PurposeSystem { get; init; }
    public required string LegalBasisSystem { get; init; }
    public required string DataSourceSystem { get; init; }
    public required IReadOnlyList<LegalBasis> LegalBases { get; init; }
    public required IReadOnlyList<DataSource> DataSources { get; init; }
    public required IReadOnlyList<PolicyDefinition> Policies { get; init; }
}
