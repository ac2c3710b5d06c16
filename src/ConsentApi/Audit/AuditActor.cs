using System.Security.Claims;

namespace ConsentApi.Audit;

/// <summary>
/// Who made a request, as the audit records it: a client system and its ODS organisation, or a person (patient,
/// proxy, staff). Taken from the request's authenticated identity; a request without one is recorded as anonymous
/// with its network address.
/// </summary>
public sealed record AuditActor(string Type, string Id, string? Organisation, string? Name)
{
    public const string TypeClaim = "actor_type";
    public const string OrganisationClaim = "ods";

    public static AuditActor From(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var id = user.FindFirstValue("client_id") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? "unknown";
            return new AuditActor(user.FindFirstValue(TypeClaim) ?? "client", id, user.FindFirstValue(OrganisationClaim),
                user.FindFirstValue("name") ?? user.Identity.Name);
        }

        return new AuditActor("anonymous", "unauthenticated", null, context.Connection.RemoteIpAddress?.ToString());
    }
}
