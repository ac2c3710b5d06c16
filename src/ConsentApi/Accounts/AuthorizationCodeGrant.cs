using ConsentApi.Identity;
using ConsentApi.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Accounts;

/// <summary>
/// The authorization_code grant: a one-time code from /auth/authorize, the same client and redirect URI, and the PKCE
/// verifier whose SHA-256 is the challenge. The token speaks for the person who signed in: a patient (their NHS
/// number and patient scopes) or staff (the scopes of their roles; never any that change a patient's choices).
/// </summary>
public static class AuthorizationCodeGrant
{
    private static readonly string[] PatientScopes =
        [RegistryScopes.PatientConsentRead, RegistryScopes.PatientConsentWrite, RegistryScopes.PatientAuditRead];

    public sealed record Grant(string Subject, TokenResponse Response);

    public static async Task<Grant> RedeemAsync(IFormCollection form, RegistryDbContext db, UserManager<RegistryUser> users, AccessTokenIssuer issuer,
        TimeProvider time, CancellationToken ct)
    {
        var code = TokenEndpoints.Single(form, "code");
        var redirectUri = TokenEndpoints.Single(form, "redirect_uri");
        var clientId = TokenEndpoints.Single(form, "client_id");
        var verifier = TokenEndpoints.Single(form, "code_verifier");

        AuthorizationCode? stored;
        await using (var transaction = await WriteTransaction.BeginAsync(db, ct))
        {
            // Used once: the code is deleted as it is read, whatever happens next.
            var hash = AuthorizeEndpoints.Hash(code);
            stored = await db.AuthorizationCodes.FirstOrDefaultAsync(c => c.CodeHash == hash, ct);
            if (stored is not null)
            {
                db.AuthorizationCodes.Remove(stored);
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }

        if (stored is null || stored.ExpiresTicks < time.GetUtcNow().UtcTicks)
        {
            throw new TokenRequestException(TokenRequestException.InvalidGrant, "The code is unknown, expired or already used: sign the person in again.");
        }

        if (stored.ClientId != clientId || stored.RedirectUri != redirectUri)
        {
            throw new TokenRequestException(TokenRequestException.InvalidGrant, "The code was issued to another client or redirect_uri.");
        }

        if (AuthorizeEndpoints.Hash(verifier) != stored.CodeChallenge)
        {
            throw new TokenRequestException(TokenRequestException.InvalidGrant, "code_verifier does not match the code_challenge (S256) sent to /auth/authorize.");
        }

        var client = await ClientRegistry.ReadAsync(db, clientId, ct);
        var user = await users.FindByIdAsync(stored.UserId);
        if (client is not { Enabled: true } || user is null || await users.IsLockedOutAsync(user))
        {
            throw new TokenRequestException(TokenRequestException.InvalidGrant, "The app is disabled or the account can no longer sign in.");
        }

        if (user.Kind == RegistryUser.PatientKind && user.NhsNumber is null)
        {
            throw new TokenRequestException(TokenRequestException.InvalidGrant, "This account's identity has not been verified yet, so it is not linked to an NHS number.");
        }

        var allowed = client.AllowedScopes;
        var requested = stored.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var person = user.Kind == RegistryUser.PatientKind ? PatientScopes : StaffRoles.ScopesFor(await users.GetRolesAsync(user)).ToArray();
        var granted = RegistryScopes.Grant(requested, allowed).Intersect(RegistryScopes.Grant(requested, person)).ToList();
        if (granted.Count == 0)
        {
            throw new TokenRequestException(TokenRequestException.InvalidScope,
                $"None of the requested scopes ({stored.Scopes}) is open to this {user.Kind} through this app.");
        }

        var extra = new Dictionary<string, object>(StringComparer.Ordinal);
        if (user.NhsNumber is not null && user.Kind == RegistryUser.PatientKind)
        {
            extra[IdentityClaims.NhsNumber] = user.NhsNumber;
        }

        var (token, expiresIn) = issuer.Issue(user.Id, user.Kind, null, user.DisplayName ?? user.UserName, granted, extra);
        return new Grant(user.Id, new TokenResponse(token, "bearer", expiresIn, string.Join(' ', granted)));
    }
}
