namespace ConsentApi.Monitoring.Investigations;

/// <summary>A change to an investigation: any of a new status, assignee or outcome, and a note (required to close one).</summary>
public sealed record InvestigationChange(string? Status, string? Assignee, string? Outcome, string? Note);
