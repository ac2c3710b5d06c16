namespace ConsentApi.Consents.Search;

/// <summary>A supported search parameter: its name, type, the FHIRPath it searches and, for references, target types.</summary>
public sealed record SearchParameterDefinition(string Name, SearchParamType Type, string Expression, string Documentation,
    IReadOnlyList<string>? Targets = null, string? Definition = null);
