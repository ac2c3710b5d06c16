namespace ConsentApi.Policies;

/// <summary>One published version of one policy, as JSON. Append-only: a change to a policy is a new version.</summary>
public sealed class PolicyVersion
{
    public required string Uri { get; set; }
    public int Version { get; set; }
    public required string DefinitionJson { get; set; }
    public long PublishedTicks { get; set; }
}
