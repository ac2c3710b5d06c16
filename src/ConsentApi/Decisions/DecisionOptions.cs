using System.ComponentModel.DataAnnotations;

namespace ConsentApi.Decisions;

/// <summary>Settings for decisions (section "Decisions").</summary>
public sealed class DecisionOptions
{
    public const string Section = "Decisions";

    /// <summary>How often each node reads Consent changes written by other nodes into its decision index.</summary>
    [Range(50, 60_000)]
    public int FollowIntervalMilliseconds { get; set; } = 1000;

    /// <summary>How long a hole in the version sequence is watched for a late commit (PostgreSQL commits out of order).</summary>
    [Range(1, 3600)]
    public int GapWatchSeconds { get; set; } = 60;
}
