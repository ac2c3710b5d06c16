using Hl7.Fhir.Model;

namespace FhirAdapters.Tests.Builders;

/// <summary>Builds a rest-hook Subscription to Consent changes that tests then vary.</summary>
public sealed class SubscriptionBuilder(string criteria, string endpoint)
{
    private readonly Subscription _subscription = new()
    {
        Status = Subscription.SubscriptionStatus.Requested,
        Reason = "Keep the practice's cached choices current",
        Criteria = criteria,
        Channel = new Subscription.ChannelComponent { Type = Subscription.SubscriptionChannelType.RestHook, Endpoint = endpoint, Payload = "application/fhir+json", Header = ["Authorization: Bearer receiver-secret"] },
    };

    public SubscriptionBuilder EmptyPayload() => With(s => s.Channel!.Payload = null);

    public SubscriptionBuilder With(Action<Subscription> change)
    {
        change(_subscription);
        return this;
    }

    public Subscription Build() => FhirAdapters.Json.FhirJson.Parse<Subscription>(FhirAdapters.Json.FhirJson.Serialize(_subscription));
}
