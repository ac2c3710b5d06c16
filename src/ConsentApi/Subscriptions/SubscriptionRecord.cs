namespace ConsentApi.Subscriptions;

/// <summary>
/// A client's Subscription as stored: the resource as the client last wrote it, plus the registry's working state
/// (status, error, failures in a row, when to try next) and the Consent sequence it starts after.
/// </summary>
public sealed class SubscriptionRecord
{
    public const string Requested = "requested";
    public const string Active = "active";
    public const string InError = "error";
    public const string Off = "off";

    public required string Id { get; set; }
    public required string ClientId { get; set; }
    public int VersionId { get; set; }
    public required string Status { get; set; }
    public required string Criteria { get; set; }
    public required string Endpoint { get; set; }
    public string? Payload { get; set; }
    public required string ResourceJson { get; set; }
    public string? Error { get; set; }
    public int Failures { get; set; }
    public long NextAttemptTicks { get; set; }

    /// <summary>Changes after this Consent sequence are notified: nothing from before the subscription existed.</summary>
    public long StartSeq { get; set; }
    public long? EndTicks { get; set; }
    public bool IsDeleted { get; set; }
    public long CreatedTicks { get; set; }
    public long UpdatedTicks { get; set; }

    /// <summary>Whether changes are queued for it: everything but off and deleted (an endpoint in error loses nothing).</summary>
    public bool Queues => !IsDeleted && Status is Requested or Active or InError;
}
