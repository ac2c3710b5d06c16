namespace FhirAdapters.Model;

/// <summary>FHIR R4 Subscription: a client's standing request to be told when resources matching its criteria change.</summary>
public sealed class Subscription : DomainResource
{
    internal static readonly RequiredBinding StatusBinding = RequiredBinding.Of("http://hl7.org/fhir/ValueSet/subscription-status",
        "requested", "active", "error", "off");

    internal static readonly FhirTypeInfo Info = new("Subscription", () => new Subscription(),
    [
        .. DomainMembers,
        Elements.Str<Subscription>("status", FhirPrimitiveType.Code, x => x.Status, (x, v) => x.Status = v, min: 1, binding: StatusBinding),
        Elements.Many<Subscription, ContactPoint>("contact", () => ContactPoint.Info, x => x.Contact, (x, v) => x.Contact = v),
        Elements.Str<Subscription>("end", FhirPrimitiveType.Instant, x => x.End, (x, v) => x.End = v),
        Elements.Str<Subscription>("reason", FhirPrimitiveType.String, x => x.Reason, (x, v) => x.Reason = v, min: 1),
        Elements.Str<Subscription>("criteria", FhirPrimitiveType.String, x => x.Criteria, (x, v) => x.Criteria = v, min: 1),
        Elements.Str<Subscription>("error", FhirPrimitiveType.String, x => x.Error, (x, v) => x.Error = v),
        Elements.One<Subscription, SubscriptionChannel>("channel", () => SubscriptionChannel.Info, x => x.Channel, (x, v) => x.Channel = v, min: 1),
    ], isResource: true);

    /// <summary>requested | active | error | off.</summary>
    public string? Status { get; set; }
    public List<ContactPoint>? Contact { get; set; }
    public string? End { get; set; }
    public string? Reason { get; set; }

    /// <summary>The search that says which changes are wanted, e.g. <c>Consent?patient.identifier=...</c>.</summary>
    public string? Criteria { get; set; }
    public string? Error { get; set; }
    public SubscriptionChannel? Channel { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
