namespace CrashHarness;

/// <summary>A write the registry acknowledged (a 2xx came back): which person, which version of which Consent, and what it said.</summary>
public sealed record AckedWrite(string Nhs, string ResourceId, int VersionId, bool Deleted, string? Status);
