using System.Globalization;
using ConsentApi.Fhir;

namespace ConsentApi.Consents.Search;

/// <summary>
/// Turns query parameters into a <see cref="SearchRequest"/>. Unknown or unsupported parameters are an error under
/// <c>Prefer: handling=strict</c> and are reported back (not applied) under lenient handling, the default.
/// Invalid values of known parameters are always an error.
/// </summary>
public static class SearchRequestParser
{
    private static readonly HashSet<string> FormatParameters = new(StringComparer.Ordinal) { "_format", "_pretty" };

    public static SearchRequest Parse(IReadOnlyList<KeyValuePair<string, string>> query, bool strict, FhirOptions options, string baseUrl,
        DateTimeOffset now)
    {
        var request = new SearchRequest { Count = options.DefaultPageSize };
        var searchCount = query.Count(p => !FormatParameters.Contains(p.Key));
        if (searchCount > options.MaxSearchParameters)
        {
            throw SearchValueSyntax.Invalid($"The search has {searchCount} parameters; this server accepts at most {options.MaxSearchParameters}.");
        }

        foreach (var (key, value) in query)
        {
            if (FormatParameters.Contains(key))
            {
                continue;
            }

            if (key.StartsWith('_') && ApplyControl(request, key, value, options))
            {
                continue;
            }

            var (name, modifier) = SplitName(key);
            if (!ConsentSearchParameters.TryGet(name, out var definition))
            {
                Unknown(request, strict, key, $"'{key}' is not a search parameter of Consent on this server (see /fhir/metadata).");
                continue;
            }

            if (value.Length == 0)
            {
                request.Ignored.Add($"'{key}' has no value and was ignored.");
                continue;
            }

            var values = SearchValueSyntax.Split(value, ',');
            if (values.Count > options.MaxValuesPerParameter)
            {
                throw SearchValueSyntax.Invalid($"'{key}' has {values.Count} values; this server accepts at most {options.MaxValuesPerParameter} per parameter.");
            }

            if (IsSelective(definition, modifier) && request.DriverIndex is null)
            {
                request.DriverIndex = request.FilterCount;
            }

            request.AddFilter(() => definition.Type switch
            {
                SearchParamType.Token => TokenPredicates.Build(name, modifier, values),
                SearchParamType.Reference => ReferencePredicates.Build(definition, modifier, values, baseUrl),
                _ => DatePredicates.Build(name, modifier, values, now),
            });
            request.Applied.Add(new(key, value));
        }

        // A narrow search's values (an NHS number, a plain status or policy code) always build, and it runs without its
        // expression trees; any other search builds them now, so a bad value is refused here, as the caller expects.
        request.Narrow = NarrowSearch.Of(request);
        if (request.Narrow is null)
        {
            _ = request.Filters;
        }

        return request;
    }

    /// <summary>Splits "patient:identifier" into name and modifier; "patient.identifier" is a chain read as :identifier.</summary>
    private static (string Name, string? Modifier) SplitName(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            return (key[..colon], key[(colon + 1)..]);
        }

        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var name = key[..dot];
            var chain = key[(dot + 1)..];
            if (ConsentSearchParameters.TryGet(name, out var definition) && definition.Type == SearchParamType.Reference && chain == "identifier")
            {
                return (name, "identifier");
            }

            throw SearchValueSyntax.Invalid(
                $"The chain '{key}' is not supported: the registry does not hold the referenced resources, so only {name}.identifier can be chained.");
        }

        return (key, null);
    }

    /// <summary>References (a person, an organisation...) and business identifiers match few Consents.</summary>
    private static bool IsSelective(SearchParameterDefinition definition, string? modifier) => definition.Type switch
    {
        SearchParamType.Reference => modifier is null or "identifier" || char.IsUpper(modifier[0]),
        SearchParamType.Token => definition.Name == "identifier" && modifier is null,
        _ => false,
    };

    private static bool ApplyControl(SearchRequest request, string key, string value, FhirOptions options)
    {
        switch (key)
        {
            case "_count":
                var count = ParseInt(key, value, 0, int.MaxValue);
                if (count > options.MaxPageSize)
                {
                    request.Ignored.Add($"_count={count} is more than this server returns in one page; pages hold {options.MaxPageSize}.");
                }

                request.Count = Math.Min(count, options.MaxPageSize);
                break;
            case "_offset":
                request.Offset = ParseInt(key, value, 0, 10_000_000);
                return true;
            case "_snapshot":
                request.Snapshot = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var snapshot)
                    ? snapshot
                    : throw SearchValueSyntax.Invalid("_snapshot is a paging token from a Bundle link; follow the links rather than editing them.");
                return true;
            case "_total":
                request.IncludeTotal = value switch
                {
                    "none" => false,
                    "estimate" or "accurate" => true,
                    _ => throw SearchValueSyntax.Invalid("_total takes none, estimate or accurate."),
                };
                break;
            case "_summary":
                // true, text and data shape each entry as it is written (FhirRendering); count leaves the entries out.
                request.SummaryCount = value switch
                {
                    "count" => true,
                    "false" or "true" or "text" or "data" => false,
                    _ => throw new FhirErrorException(StatusCodes.Status400BadRequest, "invalid", $"_summary takes true, text, data, count or false, not '{value}'."),
                };
                break;
            case "_elements":
                break; // applied to each entry as it is written (FhirRendering); kept in the links so every page is shaped alike
            case "_sort":
                ParseSort(request, value);
                break;
            default:
                return false;
        }

        request.Applied.Add(new(key, value));
        return true;
    }

    private static void ParseSort(SearchRequest request, string value)
    {
        foreach (var field in value.Split(','))
        {
            var descending = field.StartsWith('-');
            var name = descending ? field[1..] : field;
            if (!ConsentSearchParameters.SortFields.Contains(name))
            {
                throw SearchValueSyntax.Invalid($"_sort by '{name}' is not supported; sort by {string.Join(", ", ConsentSearchParameters.SortFields)} (prefix '-' for descending).");
            }

            request.Sort.Add((name, descending));
        }
    }

    private static int ParseInt(string key, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw SearchValueSyntax.Invalid($"{key} must be a whole number from {min} to {max}, not '{value}'.");

    private static void Unknown(SearchRequest request, bool strict, string key, string message)
    {
        if (strict)
        {
            throw new FhirErrorException(StatusCodes.Status400BadRequest, "not-supported", message + " (Prefer: handling=strict)");
        }

        request.Ignored.Add($"{message} '{key}' was ignored.");
    }
}
