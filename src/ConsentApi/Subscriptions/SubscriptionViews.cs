using System.Globalization;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;

namespace ConsentApi.Subscriptions;

/// <summary>A stored subscription as the client reads it: what it wrote, with the registry's id, meta, status and error.</summary>
public static class SubscriptionViews
{
    public static Subscription ToFhir(SubscriptionRecord record)
    {
        var subscription = FhirJson.Parse<Subscription>(record.ResourceJson);
        subscription.Id = record.Id;
        subscription.Meta ??= new Meta();
        subscription.Meta.VersionId = record.VersionId.ToString(CultureInfo.InvariantCulture);
        subscription.Meta.LastUpdatedElement = FhirInstant.Element(new DateTimeOffset(record.UpdatedTicks, TimeSpan.Zero));
        subscription.Status = Hl7.Fhir.Utility.EnumUtility.ParseLiteral<Subscription.SubscriptionStatus>(record.Status);
        subscription.Error = record.Error;
        return subscription;
    }

    /// <summary>What is kept of the client's resource: everything but the parts the registry owns.</summary>
    public static string Stored(Subscription subscription)
    {
        subscription.Id = null;
        subscription.Meta = null;
        subscription.Error = null;
        return FhirJson.Serialize(subscription);
    }
}
