using System.Net;
using Hl7.Fhir.Model;

namespace ConsentApi.Tests.Support;

/// <summary>A successful FHIR response: the resource and the HTTP metadata that matters for versioning.</summary>
public sealed record FhirWireResponse<T>(T Resource, HttpStatusCode Status, string? ETag, Uri? Location, DateTimeOffset? LastModified)
    where T : Resource;
