using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ConsentApi.Identity.TokenServer;

/// <summary>
/// Notes which authorization code a token request is redeeming, before its PKCE verifier is checked, so that a failed
/// attempt spends the code (<see cref="TokenResponseOutcome"/> revokes it): a code is good for one try, right or wrong,
/// as it was before OpenIddict, which would let a code be tried again until it expires.
/// </summary>
public sealed class CodeBeingRedeemed : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public const string TokenIdProperty = "registry:code-token-id";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<CodeBeingRedeemed>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateCodeVerifier.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (context.AuthorizationCodePrincipal?.GetTokenId() is { } id)
        {
            context.Transaction.Properties[TokenIdProperty] = id;
        }

        return default;
    }
}
