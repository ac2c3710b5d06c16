using System.Net;
using Hl7.Fhir.Model;

namespace ConsentApi.Tests.Support;

/// <summary>A resource the server answered with, and the response headers a FHIR client acts on.</summary>
public sealed record FhirResult<T>(T Resource, HttpStatusCode Status, string? ETag, Uri? Location, DateTimeOffset? LastModified)
    where T : Resource;
