using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ConsentApi.Identity;

/// <summary>
/// The token endpoint's last step, after OpenIddict has read the request and checked the client (through
/// <see cref="TokenServer.RegistryClientAuthentication"/>), the code with its PKCE verifier, or the refresh token:
/// what the registry grants. Client systems (client_credentials with a JWT assertion, SMART Backend Services) get the
/// scopes asked for that they may hold; people's apps get what <see cref="Accounts.PersonGrant"/> decides. Refusals are
/// OAuth's error JSON (RFC 6749 section 5.2), written by OpenIddict.
/// </summary>
public static class TokenEndpoints
{
    public const string Path = "/auth/token";
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>The authentication type of the identities the registry issues tokens for.</summary>
    public const string AuthenticationType = "registry";

    public static IEndpointRouteBuilder MapToken(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, IssueToken).WithName("Token").WithTags("Identity").DisableAntiforgery().AllowAnonymous();
        return app;
    }

    public static async Task<IResult> IssueToken(HttpContext context, UserManager<Accounts.RegistryUser> users, TimeProvider time, IOptions<AuthOptions> options)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The token endpoint is reached only through OpenIddict's server.");
        // The client RegistryClientAuthentication read from the register and checked for this request.
        var client = context.Features.Get<OpenIddictServerAspNetCoreFeature>()?.Transaction?.Properties
            .GetValueOrDefault(TokenServer.RegistryClientAuthentication.ClientProperty) as ApiClient
            ?? throw new InvalidOperationException("OpenIddict passed on a token request whose client the registry did not check.");

        if (request.IsClientCredentialsGrantType())
        {
            return ForClient(request, client, options.Value);
        }

        var redeemed = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (!redeemed.Succeeded)
        {
            return Refuse(Errors.InvalidGrant, "The code or refresh token is not valid: sign the person in again.");
        }

        var (principal, error, description) = await Accounts.PersonGrant.RenewAsync(redeemed.Principal, client, users, options.Value, time);
        return principal is null ? Refuse(error!, description!) : Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult ForClient(OpenIddictRequest request, ApiClient client, AuthOptions options)
    {
        var requested = request.GetScopes();
        if (requested.Length == 0)
        {
            return Refuse(Errors.InvalidRequest, "'scope' is required.");
        }

        var granted = RegistryScopes.Grant(requested, client.AllowedScopes);
        if (granted.Count == 0)
        {
            return Refuse(Errors.InvalidScope,
                $"None of the requested scopes ({string.Join(' ', requested)}) is allowed for '{client.ClientId}'. Allowed: {client.Scopes}.");
        }

        var identity = new ClaimsIdentity(AuthenticationType, Claims.Subject, null);
        identity.AddClaim(new Claim(Claims.Subject, client.ClientId));
        identity.AddClaim(new Claim(IdentityClaims.ActorType, IdentityClaims.ClientActor));
        identity.AddClaim(new Claim(IdentityClaims.Organisation, client.OdsCode));
        identity.AddClaim(new Claim(Claims.Name, client.Name));
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(granted);
        principal.SetResources(options.Issuer);
        principal.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// The URL a client must put in its assertion's aud: the token endpoint under the configured issuer, exactly. Never
    /// the endpoint "as reached": that follows the Host header, which the caller chooses, so an assertion signed for
    /// another server could be replayed here with a matching Host.
    /// </summary>
    public static IReadOnlyCollection<string> TokenEndpointUrls(AuthOptions options) => [options.Issuer.TrimEnd('/') + Path];

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
