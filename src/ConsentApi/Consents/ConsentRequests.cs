using FhirAdapters.Outcomes;
using System.Globalization;
using ConsentApi.Consents.Search;
using ConsentApi.Fhir;
using Hl7.Fhir.Model;
using FhirAdapters.Validation;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ConsentApi.Consents;

/// <summary>Reading the parts of a Consent request: the body, If-Match, If-None-Exist, Prefer and query parameters.</summary>
public static class ConsentRequests
{
    /// <summary>Reads and validates the Consent in the body: 400 when it cannot be read, 422 when it breaks the rules.</summary>
    public static async Task<Consent> ReadConsentAsync(HttpContext context)
    {
        var (consent, parseIssues) = await FhirRequestBody.ReadResourceAsync<Consent>(context);
        if (consent is null)
        {
            throw FhirRequestBody.Refused(parseIssues);
        }

        var issues = ConsentValidator.Validate(consent);
        if (issues.Any(i => i.IsError()))
        {
            throw new FhirErrorException(StatusCodes.Status422UnprocessableEntity, new OperationOutcome { Issue = [.. issues] });
        }

        return consent;
    }

    /// <summary>The version in If-Match (W/"3" or "3"), or null when absent.</summary>
    public static int? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        text = text.Trim('"');
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new FhirErrorException(StatusCodes.Status400BadRequest, "invalid",
                $"If-Match '{header}' is not a version ETag: send W/\"n\" with the version from meta.versionId or the ETag you read.");
    }

    public static bool Strict(HttpRequest request) =>
        request.Headers["Prefer"].Any(p => p?.Contains("handling=strict", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Prefer: return=minimal | representation | OperationOutcome.</summary>
    public static string PreferReturn(HttpRequest request)
    {
        foreach (var value in request.Headers["Prefer"])
        {
            foreach (var part in (value ?? "").Split([',', ';'], StringSplitOptions.TrimEntries))
            {
                if (part.StartsWith("return=", StringComparison.OrdinalIgnoreCase))
                {
                    return part[7..];
                }
            }
        }

        return "representation";
    }

    /// <summary>The criteria in If-None-Exist, parsed strictly (an ignored criterion would change what "exists" means).</summary>
    public static SearchRequest? IfNoneExist(HttpContext context, DateTimeOffset now)
    {
        var header = context.Request.Headers["If-None-Exist"].ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var query = QueryHelpers.ParseQuery(header.StartsWith('?') ? header : "?" + header)
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))).ToList();
        var options = context.RequestServices.GetRequiredService<IOptions<FhirOptions>>().Value;
        var request = SearchRequestParser.Parse(query, strict: true, options, FhirBaseUrl.Get(context), now);
        return request.FilterCount > 0
            ? request
            : throw new FhirErrorException(StatusCodes.Status400BadRequest, "invalid",
                $"If-None-Exist '{header}' has no search criteria; send e.g. identifier=system|value.");
    }

    public static List<KeyValuePair<string, string>> Query(HttpRequest request) =>
        request.Query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))).ToList();

    public static void RequireValidId(string id)
    {
        if (!Id.IsValidValue(id))
        {
            throw new FhirErrorException(StatusCodes.Status400BadRequest, "invalid",
                $"'{id}' is not a valid FHIR id (1 to 64 letters, digits, '-' or '.').");
        }
    }
}
