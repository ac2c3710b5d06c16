namespace ConsentApi.Export;

/// <summary>One bulk check in an exported register entry: when, by whom, and how many numbers were checked, excluded, overridden and invalid.</summary>
public sealed record RegisterCheck(string Id, DateTimeOffset Requested, string? Organisation, string Purpose, long Checked, long Excluded, long Overridden,
    long Invalid, string Outcome);
