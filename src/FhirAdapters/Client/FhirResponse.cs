using System.Net;
using FhirAdapters.Model;

namespace FhirAdapters.Client;

/// <summary>A successful FHIR response: the resource and the HTTP metadata that matters for versioning.</summary>
public sealed record FhirResponse<T>(T Resource, HttpStatusCode Status, string? ETag, Uri? Location, DateTimeOffset? LastModified)
    where T : Resource;
