using System.Globalization;
using System.Security.Claims;
using ConsentApi.Identity;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ConsentApi.Accounts;

/// <summary>
/// What a person's app is granted, decided afresh each time a code or refresh token is swapped: the person must still
/// be able to sign in (not locked out, a patient linked to an NHS number), the app still enabled, and the scopes are
/// those asked for that both the app may hold and the person may use (a patient's own; staff the scopes of their roles,
/// never any that change a patient's choices). A sign-in lasts at most <see cref="AuthOptions.SessionHours"/>, however
/// often its refresh token is swapped.
/// </summary>
public static class PersonGrant
{
    /// <summary>When the person signed in (Unix seconds): kept in codes and refresh tokens only, never in an access token.</summary>
    public const string SessionStart = "session_start";

    private static readonly string[] PatientScopes =
        [RegistryScopes.PatientConsentRead, RegistryScopes.PatientConsentWrite, RegistryScopes.PatientAuditRead];

    /// <summary>What the authorization code remembers: who signed in, when, and what the app asked for.</summary>
    public static ClaimsPrincipal Authorization(RegistryUser user, IEnumerable<string> requested, TimeProvider time)
    {
        var identity = new ClaimsIdentity(TokenEndpoints.AuthenticationType, Claims.Subject, null);
        identity.AddClaim(new Claim(Claims.Subject, user.Id));
        identity.AddClaim(new Claim(SessionStart, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(requested);
        return principal;
    }

    /// <summary>The principal to issue tokens for, or the OAuth error to answer with.</summary>
    public static async Task<(ClaimsPrincipal? Principal, string? Error, string? Description)> RenewAsync(ClaimsPrincipal redeemed, ApiClient client,
        UserManager<RegistryUser> users, AuthOptions options, TimeProvider time)
    {
        var started = long.TryParse(redeemed.GetClaim(SessionStart), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
        var remaining = started + TimeSpan.FromHours(options.SessionHours) - time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            var limit = options.SessionHours == 1 ? "an hour" : $"{options.SessionHours} hours";
            return (null, Errors.InvalidGrant, $"This sign-in began more than {limit} ago: sign the person in again.");
        }

        var user = redeemed.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
        if (!client.Enabled || user is null || await users.IsLockedOutAsync(user))
        {
            return (null, Errors.InvalidGrant, "The app is disabled or the account can no longer sign in.");
        }

        if (user.Kind == RegistryUser.PatientKind && user.NhsNumber is null)
        {
            return (null, Errors.InvalidGrant, "This account's identity has not been verified yet, so it is not linked to an NHS number.");
        }

        var requested = redeemed.GetScopes().ToList();
        var person = user.Kind == RegistryUser.PatientKind ? PatientScopes : StaffRoles.ScopesFor(await users.GetRolesAsync(user)).ToArray();
        var granted = RegistryScopes.Grant(requested, client.AllowedScopes).Intersect(RegistryScopes.Grant(requested, person)).ToList();
        if (granted.Count == 0)
        {
            return (null, Errors.InvalidScope, $"None of the requested scopes ({string.Join(' ', requested)}) is open to this {user.Kind} through this app.");
        }

        if (requested.Contains(Scopes.OfflineAccess))
        {
            granted.Add(Scopes.OfflineAccess);
        }

        var identity = new ClaimsIdentity(TokenEndpoints.AuthenticationType, Claims.Subject, null);
        identity.AddClaim(new Claim(Claims.Subject, user.Id));
        identity.AddClaim(new Claim(IdentityClaims.ActorType, user.Kind));
        identity.AddClaim(new Claim(Claims.Name, user.DisplayName ?? user.UserName ?? user.Id));
        identity.AddClaim(new Claim(SessionStart, started.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        if (user.Kind == RegistryUser.PatientKind && user.NhsNumber is not null)
        {
            identity.AddClaim(new Claim(IdentityClaims.NhsNumber, user.NhsNumber));
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(granted);
        principal.SetResources(options.Issuer);
        principal.SetDestinations(claim => claim.Type == SessionStart ? [] : [Destinations.AccessToken]);
        principal.SetRefreshTokenLifetime(TimeSpan.FromMinutes(Math.Min(options.RefreshTokenMinutes, remaining.TotalMinutes)));
        return (principal, null, null);
    }
}
