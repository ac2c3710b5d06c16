namespace ConsentApi.Objections;

/// <summary>
/// A record that an objection was considered (Caldicott2 Recommendation 11, NHS Constitution): whose objection,
/// for which recipient and purpose, whether it was upheld or overridden, on what legal basis or criterion, who
/// decided and when. Append-only; the person can read theirs.
/// </summary>
public sealed class ObjectionConsideration
{
    public long Id { get; set; }
    public long RecordedTicks { get; set; }
    public required string PatientNhsNumber { get; set; }
    public string? ConsentId { get; set; }
    public int? ConsentVersion { get; set; }
    public required string PolicyUri { get; set; }
    public required string RecipientOds { get; set; }
    public required string Purpose { get; set; }

    /// <summary>overridden (the data went despite the objection) or upheld.</summary>
    public required string Outcome { get; set; }
    public string? LegalBasis { get; set; }
    public string? Criterion { get; set; }
    public required string DecidedBy { get; set; }
    public string? DecidedByOrg { get; set; }

    /// <summary>evaluate, bulk-check, or recorded (an organisation reported its own consideration).</summary>
    public required string Source { get; set; }
    public string? BulkCheckId { get; set; }
}
