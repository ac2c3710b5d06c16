namespace FhirAdapters.Model;

/// <summary>A required terminology binding: the code must be one of <see cref="Codes"/>.</summary>
internal sealed record RequiredBinding(string ValueSet, IReadOnlySet<string> Codes)
{
    public static RequiredBinding Of(string valueSet, params string[] codes) =>
        new(valueSet, new HashSet<string>(codes, StringComparer.Ordinal));
}
