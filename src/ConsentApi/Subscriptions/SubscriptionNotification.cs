namespace ConsentApi.Subscriptions;

/// <summary>One change a subscription is to be told about: the Consent version (by its sequence) and how delivery went.</summary>
public sealed class SubscriptionNotification
{
    public long Id { get; set; }
    public required string SubscriptionId { get; set; }
    public long Seq { get; set; }
    public required string ResourceId { get; set; }
    public int VersionId { get; set; }
    public bool IsDeleted { get; set; }
    public long CreatedTicks { get; set; }
    public int Attempts { get; set; }
    public long? DeliveredTicks { get; set; }
    public string? LastError { get; set; }
}
