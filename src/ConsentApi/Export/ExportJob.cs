namespace ConsentApi.Export;

/// <summary>
/// A bulk export (FHIR Bulk Data <c>$export</c>) as it runs: who asked, for what (level, types, since), the Consent
/// sequence and time it is a snapshot of, where it stands, and its manifest once done. Working state, updated in place.
/// </summary>
public sealed class ExportJob
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public required string Id { get; set; }
    public required string ClientId { get; set; }
    public required string RequestUrl { get; set; }

    /// <summary>system or patient.</summary>
    public required string Level { get; set; }

    /// <summary>The types exported, comma-separated, in the order they are written.</summary>
    public required string Types { get; set; }
    public long? SinceTicks { get; set; }
    public required string Status { get; set; }
    public long SnapshotSeq { get; set; }
    public long TransactionTicks { get; set; }
    public string? Progress { get; set; }

    /// <summary>The manifest's output entries as JSON once completed.</summary>
    public string? OutputJson { get; set; }
    public string? Error { get; set; }

    /// <summary>Until when the instance running it holds it; a job whose lease ran out is started again by another.</summary>
    public long LeaseTicks { get; set; }
    public long CreatedTicks { get; set; }
    public long? FinishedTicks { get; set; }
}
