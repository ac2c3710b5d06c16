using ConsentApi.Monitoring.Detection;
using ConsentApi.Monitoring.Investigations;
using ConsentApi.Monitoring.Jobs;
using ConsentApi.Monitoring.Rates;
using Microsoft.Extensions.Options;
using Quartz;

namespace ConsentApi.Monitoring;

/// <summary>Registers objection-rate monitoring: list sizes, rate and detection jobs (Quartz schedules them; decision 9), flags and the webhook.</summary>
public static class MonitoringExtensions
{
    public static IServiceCollection AddRegistryMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section).ValidateDataAnnotations()
            .Validate(o => ValidCron(o.RatesCron), "Monitoring:RatesCron is not a valid Quartz cron expression (e.g. \"0 30 1 * * ?\").")
            .ValidateOnStart();
        services.AddScoped<ListSizeImporter>();
        services.AddSingleton<PopulationAttribution>();
        services.AddSingleton<ListSizeCache>();
        services.AddSingleton<RateState>();
        services.AddSingleton<RateCalculator>();
        services.AddScoped<RateSnapshotWriter>();
        services.AddScoped<RatesJob>();
        services.AddScoped<DetectionJob>();
        services.AddScoped<FlagStore>();
        services.AddScoped<JobRuns>();
        services.AddSingleton<MonitoringJobRunner>();
        services.AddSingleton<WebhookSender>();
        services.AddHttpClient(WebhookSender.ClientName, (sp, client) =>
            client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<MonitoringOptions>>().Value.WebhookTimeoutSeconds));

        services.AddQuartz(q =>
        {
            q.ScheduleJob<QueueDailyRatesJob>(
                (sp, t) => t.WithIdentity("rates-daily", "monitoring")
                    .WithCronSchedule(sp.GetRequiredService<IOptions<MonitoringOptions>>().Value.RatesCron, c => c.InTimeZone(TimeZoneInfo.Utc)),
                (_, j) => j.WithIdentity(QueueDailyRatesJob.Key));
            q.ScheduleJob<PollJobRunsJob>(
                (sp, t) => t.WithIdentity("poll", "monitoring").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<MonitoringOptions>>().Value.PollSeconds)).RepeatForever()),
                (_, j) => j.WithIdentity(PollJobRunsJob.Key).DisallowConcurrentExecution());
        });
        if (configuration.GetValue(MonitoringOptions.Section + ":" + nameof(MonitoringOptions.JobsEnabled), true))
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }

        return services;
    }

    private static bool ValidCron(string cron)
    {
        try
        {
            _ = new CronExpression(cron);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
