using System.Text.Json.Serialization;

namespace ConsentApi.Identity;

/// <summary>A token error response (RFC 6749 section 5.2).</summary>
public sealed record TokenErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
