namespace ConsentApi.Fhir;

/// <summary>ETag (version), Last-Modified and Location for a FHIR response.</summary>
public sealed record ResourceHeaders(int? VersionId, DateTimeOffset? LastModified, string? Location = null);
