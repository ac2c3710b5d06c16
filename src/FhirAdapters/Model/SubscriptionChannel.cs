namespace FhirAdapters.Model;

/// <summary>Subscription.channel: how notifications are sent (rest-hook, websocket, email, sms, message), where, and with what.</summary>
public sealed class SubscriptionChannel : BackboneElement
{
    internal static readonly RequiredBinding TypeBinding = RequiredBinding.Of("http://hl7.org/fhir/ValueSet/subscription-channel-type",
        "rest-hook", "websocket", "email", "sms", "message");

    internal static readonly new FhirTypeInfo Info = new("Subscription.channel", () => new SubscriptionChannel(),
    [
        .. BackboneMembers,
        Elements.Str<SubscriptionChannel>("type", FhirPrimitiveType.Code, x => x.Type, (x, v) => x.Type = v, min: 1, binding: TypeBinding),
        Elements.Str<SubscriptionChannel>("endpoint", FhirPrimitiveType.Url, x => x.Endpoint, (x, v) => x.Endpoint = v),
        Elements.Str<SubscriptionChannel>("payload", FhirPrimitiveType.Code, x => x.Payload, (x, v) => x.Payload = v),
        Elements.StrList<SubscriptionChannel>("header", FhirPrimitiveType.String, x => x.Header, (x, v) => x.Header = v),
    ]);

    public string? Type { get; set; }
    public string? Endpoint { get; set; }

    /// <summary>The MIME type of the notification body (e.g. <c>application/fhir+json</c>); absent means an empty notification.</summary>
    public string? Payload { get; set; }

    /// <summary>Headers to send with each notification, each as <c>Name: value</c>.</summary>
    public List<string>? Header { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
