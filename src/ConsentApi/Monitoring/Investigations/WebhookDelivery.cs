namespace ConsentApi.Monitoring.Investigations;

/// <summary>
/// A new flag waiting to be told to the configured webhook: written in the same transaction as the flag (an outbox),
/// then posted and retried with back-off until the receiver answers 2xx.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public long FlagId { get; set; }
    public required string Url { get; set; }
    public required string Payload { get; set; }
    public long CreatedTicks { get; set; }
    public int Attempts { get; set; }
    public long NextAttemptTicks { get; set; }
    public long? DeliveredTicks { get; set; }
    public string? LastError { get; set; }
}
