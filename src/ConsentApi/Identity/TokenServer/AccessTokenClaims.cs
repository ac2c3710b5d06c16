using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ConsentApi.Identity.TokenServer;

/// <summary>
/// Keeps the access token's contract as it was before OpenIddict: <c>iss</c> is the configured issuer exactly (OpenIddict
/// would add a trailing slash), and <c>client_id</c> is only in a client system's token. A person's token names the person,
/// not the app they used: the audit and the "who has checked" list read <c>client_id</c> as "a client system did this".
/// Also notes the granted scopes so the response always states them.
/// </summary>
public sealed class AccessTokenClaims(IOptions<AuthOptions> options) : IOpenIddictServerHandler<ProcessSignInContext>
{
    /// <summary>The transaction property holding the scopes granted in this response.</summary>
    public const string GrantedScopesProperty = "registry:granted-scopes";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<AccessTokenClaims>()
            .SetOrder(OpenIddictServerHandlers.PrepareAccessTokenPrincipal.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.AccessTokenPrincipal is not { } principal)
        {
            return default;
        }

        principal.SetClaim(Claims.Private.Issuer, options.Value.Issuer);
        if (principal.GetClaim(IdentityClaims.ActorType) != IdentityClaims.ClientActor)
        {
            principal.RemoveClaims(Claims.ClientId);
        }

        context.Transaction.Properties[GrantedScopesProperty] = string.Join(' ', principal.GetScopes());
        return default;
    }
}
