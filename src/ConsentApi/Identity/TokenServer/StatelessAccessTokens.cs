using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ConsentApi.Identity.TokenServer;

/// <summary>
/// Access tokens leave no entry in OpenIddict's token store. They live minutes and every API request checks them
/// by signature (and the client's state), never by a database look-up, so an entry per token would only add a
/// write to every token request and millions of rows a year. Codes and refresh tokens are still stored: their
/// one-time use and revocation depend on it.
/// </summary>
public sealed class StatelessAccessTokens : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<StatelessAccessTokens>()
            .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType is TokenTypeHints.AccessToken or TokenTypeIdentifiers.AccessToken)
        {
            context.CreateTokenEntry = false;
        }

        return default;
    }
}
