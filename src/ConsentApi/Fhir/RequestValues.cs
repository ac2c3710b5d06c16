using FhirAdapters.Primitives;

namespace ConsentApi.Fhir;

/// <summary>
/// Reads the identifiers and codes that operations take as parameters (NHS numbers, ODS codes, Codings) in FHIR
/// token form (<c>system|value</c>) or bare, with a 400 OperationOutcome naming the parameter when one is wrong.
/// </summary>
public static class RequestValues
{
    public static long NhsNumber(string? raw, string parameter)
    {
        var (system, value) = Token(raw, parameter, "an NHS number, e.g. https://fhir.nhs.uk/Id/nhs-number|9434765919");
        if (system is not null && system != FhirAdapters.Primitives.NhsNumber.System)
        {
            throw Bad(parameter, $"'{parameter}' must be an NHS number (system {FhirAdapters.Primitives.NhsNumber.System}), not an identifier from '{system}'.");
        }

        if (FhirAdapters.Primitives.NhsNumber.Problem(value) is { } problem)
        {
            throw Bad(parameter, $"'{parameter}' is not a valid NHS number ('{value}'): {problem}.");
        }

        return FhirAdapters.Primitives.NhsNumber.TryParse(value, out var nhs) ? nhs : throw Bad(parameter, $"'{parameter}' is not a valid NHS number.");
    }

    public static string Ods(string? raw, string parameter)
    {
        var (system, value) = Token(raw, parameter, "the recipient's ODS code, e.g. https://fhir.nhs.uk/Id/ods-organization-code|RR8");
        if (system is not null && system != OdsCode.System)
        {
            throw Bad(parameter, $"'{parameter}' must be an ODS organisation code (system {OdsCode.System}), not an identifier from '{system}'.");
        }

        return OdsCode.IsValid(value)
            ? value
            : throw Bad(parameter, $"'{parameter}' is not a valid ODS code ('{value}'): ODS codes are 3 to 10 upper-case letters and digits.");
    }

    public static (string? System, string Code) Coding(string? raw, string parameter, string example) => Token(raw, parameter, example);

    public static FhirErrorException Bad(string parameter, string message) =>
        new(StatusCodes.Status400BadRequest, "invalid", message, parameter);

    private static (string? System, string Value) Token(string? raw, string parameter, string example)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw new FhirErrorException(StatusCodes.Status400BadRequest, "required", $"'{parameter}' is required: give {example}.", parameter);
        }

        var bar = raw.IndexOf('|', StringComparison.Ordinal);
        var system = bar < 0 ? null : raw[..bar];
        var value = bar < 0 ? raw : raw[(bar + 1)..];
        return string.IsNullOrEmpty(value)
            ? throw Bad(parameter, $"'{parameter}' has no value after the system: give {example}.")
            : (string.IsNullOrEmpty(system) ? null : system, value.Trim());
    }
}
