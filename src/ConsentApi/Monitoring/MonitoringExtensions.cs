using ConsentApi.Monitoring.Detection;
using ConsentApi.Monitoring.Investigations;
using ConsentApi.Monitoring.Jobs;
using ConsentApi.Monitoring.Rates;
using Microsoft.Extensions.Options;

namespace ConsentApi.Monitoring;

/// <summary>Registers objection-rate monitoring: list sizes, rate and detection jobs (on Hangfire; decision 15), flags and the webhook.</summary>
public static class MonitoringExtensions
{
    public static IServiceCollection AddRegistryMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section).ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<ListSizeImporter>();
        services.AddScoped<Population.RegistrationImporter>();
        services.AddScoped<Population.RegistrationFeed>();
        services.AddSingleton<PopulationAttribution>();
        services.AddSingleton<ListSizeCache>();
        services.AddSingleton<RateState>();
        services.AddSingleton<RateCalculator>();
        services.AddScoped<RateSnapshotWriter>();
        services.AddScoped<RatesJob>();
        services.AddScoped<RateRevisions>();
        services.AddScoped<DetectionJob>();
        services.AddScoped<FlagStore>();
        services.AddSingleton<WebhookSender>();
        services.AddHttpClient(WebhookSender.ClientName, (sp, client) =>
            client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<MonitoringOptions>>().Value.WebhookTimeoutSeconds));

        services.AddRegistryBackgroundJobs(configuration);
        return services;
    }
}
