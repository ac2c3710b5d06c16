using System.Text;
using ConsentApi.Fhir;

namespace ConsentApi.Consents.Search;

/// <summary>
/// FHIR search value syntax: ',' separates alternatives and '|' system from code; a backslash escapes
/// ',', '|', '$' and '\' inside a value.
/// </summary>
public static class SearchValueSyntax
{
    /// <summary>Splits on unescaped <paramref name="separator"/>; other escapes are kept for a later stage.</summary>
    public static List<string> Split(string value, char separator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length && value[i + 1] is ',' or '|' or '$' or '\\')
            {
                current.Append(c).Append(value[i + 1]);
                i++;
            }
            else if (c == separator)
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }

    /// <summary>Removes the escaping backslashes: \, \| \$ \\ become , | $ \.</summary>
    public static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length && value[i + 1] is ',' or '|' or '$' or '\\')
            {
                i++;
            }

            result.Append(value[i]);
        }

        return result.ToString();
    }

    public static FhirErrorException Invalid(string diagnostics) => new(StatusCodes.Status400BadRequest, "invalid", diagnostics);
}
