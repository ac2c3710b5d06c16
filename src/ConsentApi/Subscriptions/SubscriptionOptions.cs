using System.ComponentModel.DataAnnotations;

namespace ConsentApi.Subscriptions;

/// <summary>Settings for FHIR Subscriptions and their delivery (section "Subscriptions").</summary>
public sealed class SubscriptionOptions
{
    public const string Section = "Subscriptions";

    /// <summary>Whether this instance delivers notifications (every instance may; each is still claimed by one).</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>Plain http endpoints: only for development and tests on loopback. A national service sends over TLS.</summary>
    public bool AllowHttpEndpoints { get; set; }

    /// <summary>How often each instance looks for new Consent versions and due notifications (a write on this instance wakes it at once).</summary>
    [Range(50, 60_000)]
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>Each outbound call's time limit.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Failures in a row after which a subscription goes to error (its changes stay queued until it is re-activated).</summary>
    [Range(1, 100)]
    public int MaxFailures { get; set; } = 8;

    /// <summary>The wait after the first failure; each further failure doubles it, up to <see cref="MaxBackoffSeconds"/>.</summary>
    [Range(0.01, 3600)]
    public double RetryBaseSeconds { get; set; } = 2;

    [Range(1, 86_400)]
    public int MaxBackoffSeconds { get; set; } = 900;

    /// <summary>How long a missing Consent sequence number is waited for (a write still committing) before it is taken as rolled back.</summary>
    [Range(1, 600)]
    public int GapWaitSeconds { get; set; } = 15;

    /// <summary>Subscriptions one client may hold.</summary>
    [Range(1, 10_000)]
    public int MaxPerClient { get; set; } = 100;
}
