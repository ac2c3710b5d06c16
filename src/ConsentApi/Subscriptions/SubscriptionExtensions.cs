using ConsentApi.Consents;
using Microsoft.Extensions.Options;

namespace ConsentApi.Subscriptions;

/// <summary>Registers FHIR Subscriptions: options, fan-out from the Consent log, delivery and the worker that runs them.</summary>
public static class SubscriptionExtensions
{
    public static IServiceCollection AddRegistrySubscriptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SubscriptionOptions>().BindConfiguration(SubscriptionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConsentWrites>();
        services.AddSingleton<SubscriptionFanout>();
        services.AddSingleton<SubscriptionDelivery>();
        services.AddHttpClient(SubscriptionDelivery.ClientName, (sp, client) =>
            client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SubscriptionOptions>>().Value.TimeoutSeconds));
        if (configuration.GetValue(SubscriptionOptions.Section + ":" + nameof(SubscriptionOptions.DeliveryEnabled), true))
        {
            services.AddHostedService<SubscriptionWorker>();
        }

        return services;
    }
}
