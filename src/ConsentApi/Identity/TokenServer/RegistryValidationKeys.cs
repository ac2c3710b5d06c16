using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ConsentApi.Identity.TokenServer;

/// <summary>
/// Lets OpenIddict validate the registry's access tokens (at introspection and revocation) with the same keys the API
/// accepts: <see cref="SigningKeyStore.ValidationKeys"/>, which follow rotation on every node. (Client assertions never
/// reach OpenIddict's token validation: <see cref="RegistryClientAuthentication"/> checks them.)
/// </summary>
public sealed class RegistryValidationKeys(SigningKeyStore keys) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<RegistryValidationKeys>()
            .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.TokenValidationParameters is { } parameters)
        {
            parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], .. keys.ValidationKeys];
        }

        return default;
    }
}
