namespace ConsentApi.Decisions;

/// <summary>
/// One active choice in the decision index: which Consent version, under which policy, when the person made it,
/// and its compiled provision. A struct with the id held as a Guid where it is one, to keep England's millions small.
/// </summary>
public readonly struct Choice
{
    private readonly Guid guid;
    private readonly string? otherId;

    public Choice(string resourceId, int versionId, int policyIndex, long recordedTicks, ProvisionRule rule)
    {
        if (Guid.TryParseExact(resourceId, "D", out var parsed) && parsed.ToString("D") == resourceId)
        {
            guid = parsed;
        }
        else
        {
            otherId = resourceId;
        }

        VersionId = versionId;
        PolicyIndex = policyIndex;
        RecordedTicks = recordedTicks;
        Rule = rule;
    }

    public string ResourceId => otherId ?? guid.ToString("D");
    public int VersionId { get; }
    public int PolicyIndex { get; }

    /// <summary>Consent.dateTime (when the person made the choice), or when it was recorded if that is absent.</summary>
    public long RecordedTicks { get; }
    public ProvisionRule Rule { get; }

    public bool IsResource(string id) => otherId is null ? Guid.TryParseExact(id, "D", out var g) && g == guid : otherId == id;

    /// <summary>Whether this choice is more recent than <paramref name="other"/> (later dateTime, then later version).</summary>
    public bool IsNewerThan(in Choice other) =>
        RecordedTicks != other.RecordedTicks ? RecordedTicks > other.RecordedTicks : VersionId > other.VersionId;
}
