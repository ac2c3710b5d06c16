namespace ConsentApi.Persistence;

/// <summary>One versioned schema script, e.g. <c>0001_consent_versions.sql</c>.</summary>
public sealed record SchemaScript(string Version, string Name, string Sql, string Checksum);
