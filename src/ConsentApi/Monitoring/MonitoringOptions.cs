using System.ComponentModel.DataAnnotations;

namespace ConsentApi.Monitoring;

/// <summary>Settings for the monitoring jobs and the flag webhook (section "Monitoring").</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>Whether this instance runs a Hangfire server (workers and the recurring-job scheduler); every instance may, each run still happens once.</summary>
    public bool JobsEnabled { get; set; } = true;

    /// <summary>When the daily rates run is created for the day before (cron, UTC; five fields, or six with seconds first). Detection follows each successful rates run.</summary>
    [Required]
    [RegularExpression(@"^\s*\S+(\s+\S+){4,5}\s*$", ErrorMessage = "Monitoring:RatesCron must be a cron expression of five fields (or six, seconds first), e.g. \"30 1 * * *\".")]
    public string RatesCron { get; set; } = "30 1 * * *";

    /// <summary>When pending flag webhooks are swept for delivery (retries included; a detection run that raises flags also delivers at once).</summary>
    [Required]
    [RegularExpression(@"^\s*\S+(\s+\S+){4,5}\s*$", ErrorMessage = "Monitoring:WebhookCron must be a cron expression of five fields (or six, seconds first), e.g. \"* * * * *\".")]
    public string WebhookCron { get; set; } = "* * * * *";

    /// <summary>How often idle workers look for queued jobs and the scheduler for due recurring and delayed jobs.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 15;

    /// <summary>Workers on this instance (monitoring runs take one lock, so more only helps webhook delivery).</summary>
    [Range(1, 20)]
    public int Workers { get; set; } = 2;

    /// <summary>A job whose instance stopped (killed, or cut off from the database) is run again by another after this long.</summary>
    [Range(5, 86400)]
    public int StaleAfterSeconds { get; set; } = 300;

    /// <summary>How long a run waits for another run to release the monitoring lock before it fails (and is retried).</summary>
    [Range(1, 86400)]
    public int LockTimeoutSeconds { get; set; } = 600;

    /// <summary>Attempts per run before a failure is left for staff (each retry waits RetryBaseSeconds × 4^(retry − 1)).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    [Range(0, 86400)]
    public int RetryBaseSeconds { get; set; } = 60;

    /// <summary>
    /// How far back a registration change learnt late (a backdated move, death or removal) revises stored rates: after
    /// each daily rates run, the days in this window whose rates were computed before such a change are run again,
    /// each a new revision if its counts changed. 0 turns revisions off.
    /// </summary>
    [Range(0, 400)]
    public int RevisionDays { get; set; } = 35;

    /// <summary>Where new flags are posted (JSON); none when empty.</summary>
    [Url]
    public string? WebhookUrl { get; set; }

    /// <summary>Shared secret: each webhook post carries X-Registry-Signature: sha256=HMAC(secret, body).</summary>
    public string? WebhookSecret { get; set; }

    [Range(1, 300)]
    public int WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>The name this instance gives its Hangfire server and records on the runs it executes (default: host name and process id).</summary>
    public string? NodeName { get; set; }

    public string Node => NodeName ?? $"{Environment.MachineName}:{Environment.ProcessId}";
}
