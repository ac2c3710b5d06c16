using System.Net;
using FhirAdapters.Model;

namespace FhirAdapters.Client;

/// <summary>A successful FHIR response: the resource and the HTTP metadata that matters for versioning.</summary>
public sealed record FhirResponse<T>(T Resource, HttpStatusCode Status, string? ETag, Uri? Location, DateTimeOffset? LastModified)
    where T : Resource
{
    /// <summary>The version in the ETag (W/"3" gives 3), or null.</summary>
    public string? Version => ETag is null ? null : ETag.Replace("W/", "", StringComparison.Ordinal).Trim('"');
}
