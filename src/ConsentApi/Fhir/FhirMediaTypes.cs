using Microsoft.Net.Http.Headers;

namespace ConsentApi.Fhir;

/// <summary>Content negotiation for the FHIR API: JSON only, as application/fhir+json or application/json.</summary>
public static class FhirMediaTypes
{
    public const string FhirJson = "application/fhir+json";
    public const string Json = "application/json";
    private const string ChosenKey = "fhir.response-media-type";

    /// <summary>The response media type for this request, or null when the client accepts nothing we can produce.</summary>
    public static string? Negotiate(HttpRequest request)
    {
        var format = request.Query["_format"].ToString();
        if (!string.IsNullOrEmpty(format))
        {
            return format switch
            {
                "json" or FhirJson => FhirJson,
                Json => Json,
                _ when format.StartsWith(FhirJson, StringComparison.OrdinalIgnoreCase) => FhirJson,
                _ => null,
            };
        }

        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return FhirJson;
        }

        foreach (var range in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (range.Quality == 0)
            {
                continue;
            }

            var media = range.MediaType.Value;
            if (string.Equals(media, FhirJson, StringComparison.OrdinalIgnoreCase) || media is "*/*" or "application/*")
            {
                return FhirJson;
            }

            if (string.Equals(media, Json, StringComparison.OrdinalIgnoreCase))
            {
                return Json;
            }
        }

        return null;
    }

    /// <summary>Whether a request body's Content-Type is FHIR JSON in UTF-8.</summary>
    public static bool IsAcceptableBody(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }

        var media = parsed.MediaType.Value;
        var isJson = string.Equals(media, FhirJson, StringComparison.OrdinalIgnoreCase) || string.Equals(media, Json, StringComparison.OrdinalIgnoreCase);
        var charset = parsed.Charset.Value;
        return isJson && (charset is null || string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase));
    }

    public static void Remember(HttpContext context, string mediaType) => context.Items[ChosenKey] = mediaType;

    public static string Chosen(HttpContext context) => context.Items[ChosenKey] as string ?? FhirJson;

    public static bool Pretty(HttpContext context) =>
        string.Equals(context.Request.Query["_pretty"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
}
