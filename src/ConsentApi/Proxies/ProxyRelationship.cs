namespace ConsentApi.Proxies;

/// <summary>
/// One version of a proxy relationship: who (the proxy) may act for whom (the subject), on what authority, for what
/// period, and where it stands. It lets the proxy act for the subject only once staff have approved it, and only
/// within its period.
/// </summary>
public sealed class ProxyRelationship
{
    /// <summary>A parent or guardian with parental responsibility for a child under 13.</summary>
    public const string Guardian = "GUARDIAN";

    /// <summary>An attorney under a registered lasting power of attorney (health and welfare).</summary>
    public const string PowerOfAttorney = "POA";

    /// <summary>A deputy appointed by the Court of Protection.</summary>
    public const string CourtDeputy = "COURTDEP";

    public const string Requested = "requested";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Ended = "ended";

    public required string Id { get; init; }
    public int Version { get; init; }
    public required string ProxyNhsNumber { get; init; }
    public required string SubjectNhsNumber { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; init; }
    public long StartTicks { get; init; }
    public long? EndTicks { get; init; }

    /// <summary>What staff saw or were told (the court order's reference, the LPA registration number...).</summary>
    public string? Evidence { get; init; }
    public required string ChangedBy { get; init; }
    public long RecordedTicks { get; init; }

    public bool IsActiveAt(long ticks) => Status == Approved && StartTicks <= ticks && (EndTicks is null || ticks < EndTicks);

    /// <summary>The next version, with a new status, recorded now by someone.</summary>
    public ProxyRelationship Next(string status, string changedBy, long now, long? endTicks = null) => new()
    {
        Id = Id,
        Version = Version + 1,
        ProxyNhsNumber = ProxyNhsNumber,
        SubjectNhsNumber = SubjectNhsNumber,
        Kind = Kind,
        Status = status,
        StartTicks = StartTicks,
        EndTicks = endTicks ?? EndTicks,
        Evidence = Evidence,
        ChangedBy = changedBy,
        RecordedTicks = now,
    };
}
