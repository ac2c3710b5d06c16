namespace ConsentApi.Audit;

/// <summary>The result of walking the audit chain: intact, or where and how it was broken.</summary>
public sealed record AuditVerification(bool Intact, long Verified, long? BrokenAt, string? Problem);
