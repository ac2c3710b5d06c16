using ConsentApi.Audit;
using ConsentApi.Identity;
using Hl7.Fhir.Model;

namespace ConsentApi.Consents;

/// <summary>
/// Who recorded a version and how, stamped by the registry on every write from the caller's token, so a person's
/// history can say "you, online", "your proxy" or "your GP practice" and no client can claim to be someone else.
/// The recorder goes in <c>meta.tag</c>; a choice made with a person's own token (directly or as a proxy) is always
/// captured online (channel <c>OP</c>), while a client system says its channel itself (a GP practice, a contact centre).
/// </summary>
public static class ConsentProvenance
{
    public const string RecordedBySystem = "https://consentregistry.example/fhir/CodeSystem/recorded-by";
    public const string OnlineChannel = "OP";

    public static void Stamp(Consent consent, AuditActor actor)
    {
        consent.Meta ??= new Meta();
        consent.Meta.Tag = [.. (consent.Meta.Tag ?? []).Where(t => t.System != RecordedBySystem),
            new Coding { System = RecordedBySystem, Code = actor.Type, Display = Describe(actor) }];
        if (actor.Type is IdentityClaims.PatientActor or IdentityClaims.ProxyActor)
        {
            consent.Extension = [.. (consent.Extension ?? []).Where(e => e.Url != RegistryPolicies.ChannelExtension),
                new Extension { Url = RegistryPolicies.ChannelExtension, Value = new Code(OnlineChannel) }];
        }
    }

    private static string Describe(AuditActor actor) => actor.Type switch
    {
        IdentityClaims.PatientActor => "The person themself",
        IdentityClaims.ProxyActor => actor.Name is { Length: > 0 } name ? $"A proxy acting for them ({name})" : "A proxy acting for them",
        _ => (actor.Name ?? actor.Id) + (actor.Organisation is { Length: > 0 } ods ? $" (ODS {ods})" : ""),
    };
}
