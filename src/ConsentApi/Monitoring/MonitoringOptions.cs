using System.ComponentModel.DataAnnotations;

namespace ConsentApi.Monitoring;

/// <summary>Settings for the monitoring jobs and the flag webhook (section "Monitoring").</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>Whether this instance schedules and runs jobs at all (every instance may; each run still happens once).</summary>
    public bool JobsEnabled { get; set; } = true;

    /// <summary>When the daily rates job is queued for the day before (Quartz cron, UTC). Detection follows each successful rates run.</summary>
    [Required]
    public string RatesCron { get; set; } = "0 30 1 * * ?";

    /// <summary>How often each instance looks for queued runs and pending webhook deliveries.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 15;

    /// <summary>A running job's instance writes a heartbeat this often; one silent for <see cref="StaleAfterSeconds"/> is taken over.</summary>
    [Range(1, 3600)]
    public int HeartbeatSeconds { get; set; } = 30;

    [Range(5, 86400)]
    public int StaleAfterSeconds { get; set; } = 300;

    /// <summary>Attempts per job and day before a failure is left for staff (each retry waits RetryBaseSeconds × 4^(attempt − 1)).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    [Range(0, 86400)]
    public int RetryBaseSeconds { get; set; } = 60;

    /// <summary>Where new flags are posted (JSON); none when empty.</summary>
    [Url]
    public string? WebhookUrl { get; set; }

    /// <summary>Shared secret: each webhook post carries X-Registry-Signature: sha256=HMAC(secret, body).</summary>
    public string? WebhookSecret { get; set; }

    [Range(1, 300)]
    public int WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>The name this instance records on the runs it claims (default: host name and process id).</summary>
    public string? NodeName { get; set; }
}
