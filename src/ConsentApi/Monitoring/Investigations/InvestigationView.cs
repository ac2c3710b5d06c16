namespace ConsentApi.Monitoring.Investigations;

/// <summary>One version of an investigation as the API shows it; <see cref="ChangedByName"/> is the staff member's name where known.</summary>
public sealed record InvestigationView(int Version, string Status, string? Assignee, string? Outcome, string? Note, string ChangedBy, DateTimeOffset ChangedAt,
    string? ChangedByName = null)
{
    public static InvestigationView From(InvestigationVersion v) =>
        new(v.Version, v.Status, v.Assignee, v.Outcome, v.Note, v.ChangedBy, new DateTimeOffset(v.ChangedTicks, TimeSpan.Zero));
}
