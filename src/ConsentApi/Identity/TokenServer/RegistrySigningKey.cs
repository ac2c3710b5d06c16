using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ConsentApi.Identity.TokenServer;

/// <summary>
/// Signs access tokens with the registry's current key from <see cref="SigningKeyStore"/> (kept in its database,
/// encrypted at rest, shared by every node and rotated without invalidating tokens in flight), which OpenIddict does
/// not offer: its keys are fixed when the process starts. Codes and refresh tokens are protected with the shared Data
/// Protection key ring instead, so OpenIddict's own start-up keys sign nothing that leaves the process.
/// </summary>
public sealed class RegistrySigningKey(SigningKeyStore keys) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<RegistrySigningKey>()
            .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType is TokenTypeHints.AccessToken or TokenTypeIdentifiers.AccessToken)
        {
            context.SigningCredentials = keys.Current;
            context.EncryptionCredentials = null;
        }

        return default;
    }
}
