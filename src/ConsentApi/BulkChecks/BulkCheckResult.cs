namespace ConsentApi.BulkChecks;

/// <summary>A completed bulk check: its id, counts, and the spool of decisions to stream back.</summary>
public sealed record BulkCheckResult(string Id, long Checked, long Excluded, long Overridden, NumberSpool Decisions);
