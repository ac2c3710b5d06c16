namespace ConsentApi.BulkChecks;

/// <summary>A line of a bulk-check list that is not a valid NHS number: its number (from 1), what it held, and why.</summary>
public sealed record InvalidLine(long Line, string Content, string Problem);
