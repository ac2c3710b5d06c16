using System.Security.Claims;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using Microsoft.AspNetCore.Authentication;

namespace ConsentApi.Proxies;

/// <summary>
/// Adds to a patient's identity the people they may act for now (approved proxy relationships within their period),
/// read afresh on every request so an ended relationship stops at once.
/// </summary>
public sealed class ProxyClaimsTransformation(IServiceProvider services, TimeProvider time) : IClaimsTransformation
{
    private const string Resolved = "acts_for_resolved";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.FindFirst(IdentityClaims.ActorType)?.Value != IdentityClaims.PatientActor || principal.HasClaim(c => c.Type == Resolved)
            || principal.FindFirst(IdentityClaims.NhsNumber)?.Value is not { } own)
        {
            return principal;
        }

        var identity = new ClaimsIdentity();
        identity.AddClaim(new Claim(Resolved, "true"));
        // The database is reached only for patients: client systems' requests (most of them) never open a context here.
        var db = services.GetRequiredService<RegistryDbContext>();
        foreach (var subject in await db.ActsForAsync(own, time.GetUtcNow().UtcTicks, CancellationToken.None))
        {
            identity.AddClaim(new Claim(IdentityClaims.ActsFor, subject));
        }

        var transformed = principal.Clone();
        transformed.AddIdentity(identity);
        return transformed;
    }
}
