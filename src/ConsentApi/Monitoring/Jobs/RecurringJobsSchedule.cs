using Hangfire;
using Microsoft.Extensions.Options;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// Declares the recurring jobs in Hangfire's storage when an instance that runs jobs starts: the daily rates run
/// (Monitoring:RatesCron, UTC), the webhook delivery sweep (Monitoring:WebhookCron) and the daily pruning of spent tokens
/// (<see cref="Identity.TokenServer.TokenStorePruning"/>, 03:15 UTC). Every instance declares the same ids; Hangfire's
/// scheduler, under its own lock, creates each occurrence once.
/// </summary>
public sealed class RecurringJobsSchedule(IRecurringJobManager manager, IOptions<MonitoringOptions> options) : IHostedService
{
    public const string DailyRates = "rates-daily";
    public const string WebhookDelivery = "webhook-delivery";
    public const string TokenPruning = "token-store-prune";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        Declare(nameof(settings.RatesCron), settings.RatesCron,
            () => manager.AddOrUpdate<MonitoringJobs>(DailyRates, j => j.RunAsync(JobNames.Rates, null, "schedule", "schedule", null, null, CancellationToken.None),
                settings.RatesCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc }));
        Declare(nameof(settings.WebhookCron), settings.WebhookCron,
            () => manager.AddOrUpdate<MonitoringJobs>(WebhookDelivery, j => j.DeliverWebhooksAsync(CancellationToken.None), settings.WebhookCron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc }));
        manager.AddOrUpdate<Identity.TokenServer.TokenStorePruning>(TokenPruning, j => j.PruneAsync(CancellationToken.None), "15 3 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    /// <summary>Hangfire reads the cron when the job is declared: a bad one stops start-up, naming the setting.</summary>
    private static void Declare(string setting, string cron, Action declare)
    {
        try
        {
            declare();
        }
        catch (ArgumentException ex)
        {
            throw new OptionsValidationException(MonitoringOptions.Section, typeof(MonitoringOptions),
                [$"Monitoring:{setting} '{cron}' is not a cron expression Hangfire can read ({ex.Message})."]);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
