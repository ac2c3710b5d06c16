using FhirAdapters.Primitives;
using System.Text.RegularExpressions;

namespace FhirAdapters.Model;

/// <summary>Names, JSON kinds and the R4 lexical rules (the regexes published with each data type).</summary>
public static partial class FhirPrimitives
{
    public static string Name(FhirPrimitiveType type) => type switch
    {
        FhirPrimitiveType.Base64Binary => "base64Binary",
        FhirPrimitiveType.DateTime => "dateTime",
        FhirPrimitiveType.PositiveInt => "positiveInt",
        FhirPrimitiveType.UnsignedInt => "unsignedInt",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>True for the types written as JSON numbers.</summary>
    public static bool IsNumber(FhirPrimitiveType type) => type is FhirPrimitiveType.Decimal or FhirPrimitiveType.Integer
        or FhirPrimitiveType.PositiveInt or FhirPrimitiveType.UnsignedInt;

    public static bool IsInteger(FhirPrimitiveType type) => type is FhirPrimitiveType.Integer
        or FhirPrimitiveType.PositiveInt or FhirPrimitiveType.UnsignedInt;

    /// <summary>Whether <paramref name="value"/> is a valid lexical form of <paramref name="type"/>.</summary>
    public static bool IsValid(FhirPrimitiveType type, string value) => type switch
    {
        FhirPrimitiveType.Base64Binary => Base64Regex().IsMatch(value),
        FhirPrimitiveType.Boolean => value is "true" or "false",
        FhirPrimitiveType.Canonical or FhirPrimitiveType.Uri or FhirPrimitiveType.Url => value.Length > 0 && UriRegex().IsMatch(value),
        FhirPrimitiveType.Code => CodeRegex().IsMatch(value),
        FhirPrimitiveType.Date => DateRegex().IsMatch(value) && FhirDateTime.TryParse(value, out _),
        FhirPrimitiveType.DateTime => DateTimeRegex().IsMatch(value) && FhirDateTime.TryParse(value, out _),
        FhirPrimitiveType.Instant => InstantRegex().IsMatch(value) && FhirDateTime.TryParse(value, out _),
        FhirPrimitiveType.Decimal => DecimalRegex().IsMatch(value),
        FhirPrimitiveType.Id => IdRegex().IsMatch(value),
        FhirPrimitiveType.Integer => IntegerRegex().IsMatch(value),
        FhirPrimitiveType.PositiveInt => PositiveIntRegex().IsMatch(value),
        FhirPrimitiveType.UnsignedInt => UnsignedIntRegex().IsMatch(value),
        FhirPrimitiveType.Markdown or FhirPrimitiveType.String => StringRegex().IsMatch(value),
        FhirPrimitiveType.Oid => OidRegex().IsMatch(value),
        FhirPrimitiveType.Uuid => UuidRegex().IsMatch(value),
        FhirPrimitiveType.Time => TimeRegex().IsMatch(value),
        FhirPrimitiveType.Xhtml => value.Length > 0,
        _ => false,
    };

    /// <summary>A short description of the expected form, for error messages.</summary>
    public static string Describe(FhirPrimitiveType type) => type switch
    {
        FhirPrimitiveType.Date => "a date: YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date",
        FhirPrimitiveType.DateTime => "a dateTime: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss(.sss) with a time zone (Z or +hh:mm)",
        FhirPrimitiveType.Instant => "an instant: YYYY-MM-DDThh:mm:ss(.sss) with a time zone (Z or +hh:mm)",
        FhirPrimitiveType.Id => "an id: 1 to 64 letters, digits, '-' or '.'",
        FhirPrimitiveType.Code => "a code: no leading, trailing or double whitespace, not empty",
        FhirPrimitiveType.Uri or FhirPrimitiveType.Url or FhirPrimitiveType.Canonical => "a URI without whitespace",
        FhirPrimitiveType.String or FhirPrimitiveType.Markdown => "a non-empty string",
        FhirPrimitiveType.PositiveInt => "a whole number greater than 0",
        FhirPrimitiveType.UnsignedInt => "a whole number, 0 or more",
        FhirPrimitiveType.Integer => "a whole number",
        FhirPrimitiveType.Decimal => "a decimal number",
        FhirPrimitiveType.Oid => "an OID such as urn:oid:1.2.3",
        FhirPrimitiveType.Uuid => "a UUID such as urn:uuid:0b6a1f4e-...",
        FhirPrimitiveType.Time => "a time hh:mm:ss",
        FhirPrimitiveType.Base64Binary => "base64 text",
        FhirPrimitiveType.Boolean => "true or false",
        _ => FhirPrimitives.Name(type),
    };

    [GeneratedRegex(@"^\S*$")]
    private static partial Regex UriRegex();

    [GeneratedRegex(@"^[^\s]+( [^\s]+)*$")]
    private static partial Regex CodeRegex();

    [GeneratedRegex(@"^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$")]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$")]
    private static partial Regex DateTimeRegex();

    [GeneratedRegex(@"^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$")]
    private static partial Regex InstantRegex();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex DecimalRegex();

    [GeneratedRegex(@"^[A-Za-z0-9\-\.]{1,64}$")]
    private static partial Regex IdRegex();

    [GeneratedRegex(@"^-?([0]|([1-9][0-9]*))$")]
    private static partial Regex IntegerRegex();

    [GeneratedRegex(@"^[1-9][0-9]*$")]
    private static partial Regex PositiveIntRegex();

    [GeneratedRegex(@"^([0]|([1-9][0-9]*))$")]
    private static partial Regex UnsignedIntRegex();

    [GeneratedRegex(@"^[ \r\n\t\S]+$")]
    private static partial Regex StringRegex();

    [GeneratedRegex(@"^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$")]
    private static partial Regex OidRegex();

    [GeneratedRegex(@"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex UuidRegex();

    [GeneratedRegex(@"^([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?$")]
    private static partial Regex TimeRegex();

    [GeneratedRegex(@"^(\s*([0-9a-zA-Z\+/=]){4}\s*)+$")]
    private static partial Regex Base64Regex();
}
