using Microsoft.Net.Http.Headers;

namespace ConsentApi.Fhir;

/// <summary>Content negotiation for the FHIR API: FHIR JSON (application/fhir+json or application/json) and FHIR XML (application/fhir+xml or application/xml).</summary>
public static class FhirMediaTypes
{
    public const string FhirJson = "application/fhir+json";
    public const string Json = "application/json";
    public const string FhirXml = "application/fhir+xml";
    public const string Xml = "application/xml";
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
                "xml" or FhirXml or Xml or "text/xml" => FhirXml,
                _ when format.StartsWith(FhirJson, StringComparison.OrdinalIgnoreCase) => FhirJson,
                _ when format.StartsWith(FhirXml, StringComparison.OrdinalIgnoreCase) => FhirXml,
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

            if (IsXml(media))
            {
                return FhirXml;
            }
        }

        return null;
    }

    /// <summary>Whether a media type is one of the FHIR XML ones.</summary>
    public static bool IsXml(string? media) =>
        string.Equals(media, FhirXml, StringComparison.OrdinalIgnoreCase) || string.Equals(media, Xml, StringComparison.OrdinalIgnoreCase)
        || string.Equals(media, "text/xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the request body is XML (by its Content-Type); otherwise it is read as JSON.</summary>
    public static bool IsXmlBody(HttpRequest request) =>
        request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var parsed) && IsXml(parsed.MediaType.Value);

    /// <summary>Whether a request body's Content-Type is FHIR JSON or FHIR XML in UTF-8.</summary>
    public static bool IsAcceptableBody(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }

        var media = parsed.MediaType.Value;
        var isJson = string.Equals(media, FhirJson, StringComparison.OrdinalIgnoreCase) || string.Equals(media, Json, StringComparison.OrdinalIgnoreCase)
            || IsXml(media);
        var charset = parsed.Charset.Value;
        return isJson && (charset is null || string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase));
    }

    public static void Remember(HttpContext context, string mediaType) => context.Items[ChosenKey] = mediaType;

    public static string Chosen(HttpContext context) => context.Items[ChosenKey] as string ?? FhirJson;

    /// <summary>Whether this response is written as XML.</summary>
    public static bool ChosenXml(HttpContext context) => Chosen(context) == FhirXml;

    public static bool Pretty(HttpContext context) =>
        string.Equals(context.Request.Query["_pretty"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
}
