using System.Text.RegularExpressions;

namespace FhirAdapters.Primitives;

/// <summary>Organisation Data Service codes, e.g. GP practice <c>A81001</c> or trust <c>RR8</c>.</summary>
public static partial class OdsCode
{
    /// <summary>The FHIR identifier system for ODS organisation codes.</summary>
    public const string System = "https://fhir.nhs.uk/Id/ods-organization-code";

    public static bool IsValid(string? value) => value is not null && OdsRegex().IsMatch(value);

    [GeneratedRegex("^[A-Z0-9]{3,10}$")]
    private static partial Regex OdsRegex();
}
