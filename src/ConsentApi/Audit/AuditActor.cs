using System.Security.Claims;
using ConsentApi.Identity;

namespace ConsentApi.Audit;

/// <summary>
/// Who made a request, as the audit records it: a client system and its ODS organisation, or a person (patient,
/// proxy, staff). Taken from the request's authenticated identity; a request without one is recorded as anonymous
/// with its network address.
/// </summary>
public sealed record AuditActor(string Type, string Id, string? Organisation, string? Name)
{
    public static AuditActor From(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var id = user.FindFirstValue(IdentityClaims.ClientId) ?? user.FindFirstValue(IdentityClaims.NhsNumber) ?? user.FindFirstValue("sub") ?? "unknown";
            return new AuditActor(user.FindFirstValue(IdentityClaims.ActorType) ?? IdentityClaims.ClientActor, id, user.FindFirstValue(IdentityClaims.Organisation),
                user.FindFirstValue("name") ?? user.Identity.Name);
        }

        return new AuditActor("anonymous", "unauthenticated", null, context.Connection.RemoteIpAddress?.ToString());
    }

    /// <summary>The actor of a change to someone's choices: a patient acting for somebody else is recorded as their proxy.</summary>
    public static AuditActor ForChangeTo(HttpContext context, string? subjectNhsNumber)
    {
        var actor = From(context);
        return actor.Type == IdentityClaims.PatientActor && subjectNhsNumber is not null && subjectNhsNumber != actor.Id
            ? actor with { Type = IdentityClaims.ProxyActor }
            : actor;
    }
}
