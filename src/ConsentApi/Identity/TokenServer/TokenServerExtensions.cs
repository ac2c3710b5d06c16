using ConsentApi.Persistence;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ConsentApi.Identity.TokenServer;

/// <summary>
/// The registry's OAuth 2.0 server on OpenIddict (decision 18): the token, authorize, revocation and introspection
/// endpoints, authorization codes and refresh tokens kept in the registry's database. What OpenIddict has no equivalent
/// for stays the registry's own and is plugged in as event handlers: client authentication against the append-only
/// client register (keys or JWKS URL, SMART's assertion rules, a jti store shared by all nodes), the database-kept
/// rotating signing keys, and the claims the API relies on.
/// </summary>
public static class TokenServerExtensions
{
    public const string AuthorizePath = "/auth/authorize";
    public const string RevocationPath = "/auth/revoke";
    public const string IntrospectionPath = "/auth/introspect";

    public static IServiceCollection AddRegistryTokenServer(this IServiceCollection services)
    {
        services.AddSingleton<ClientApplications>();
        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<RegistryDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenEndpoints.Path[1..])
                    .SetAuthorizationEndpointUris(AuthorizePath[1..])
                    .SetRevocationEndpointUris(RevocationPath[1..])
                    .SetIntrospectionEndpointUris(IntrospectionPath[1..]);
                server.AllowClientCredentialsFlow().AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();

                // The registry decides scopes itself (RegistryScopes.Grant: what the client may hold, narrowed to what
                // the person may do), granting less than asked rather than refusing; OpenIddict's permission lists on
                // its application rows are not used.
                server.DisableScopeValidation().IgnoreEndpointPermissions().IgnoreGrantTypePermissions().IgnoreScopePermissions()
                    .IgnoreResponseTypePermissions().IgnoreAudiencePermissions().IgnoreResourcePermissions();

                // Access tokens are plain signed JWTs (the API, and other services, validate them with the published keys).
                // Codes and refresh tokens are protected with the shared Data Protection key ring. The start-up keys
                // below only satisfy OpenIddict's configuration check: RegistrySigningKey signs every access token.
                server.DisableAccessTokenEncryption().AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                server.UseDataProtection().PreferDefaultAccessTokenFormat();

                // A refresh token is used once: presenting a used one revokes every token of that sign-in.
                server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                server.UseAspNetCore().EnableTokenEndpointPassthrough().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();

                server.RemoveEventHandler(OpenIddictServerHandlers.ValidateClientAssertion.Descriptor)
                    .RemoveEventHandler(OpenIddictServerHandlers.ValidateClientAssertionWellknownClaims.Descriptor)
                    .RemoveEventHandler(OpenIddictServerHandlers.ValidateClientAssertionIssuer.Descriptor);
                // The registry's own discovery documents (DiscoveryEndpoints) stay: SMART's configuration, addresses under the
                // configured issuer (never the request's Host), and the database-kept keys OpenIddict would not publish.
                server.SetConfigurationEndpointUris(Array.Empty<Uri>()).SetJsonWebKeySetEndpointUris(Array.Empty<Uri>());
                server.AddEventHandler(StrictTokenForm.Descriptor)
                    .AddEventHandler(CodeBeingRedeemed.Descriptor)
                    .AddEventHandler(RegistryClientAuthentication.Descriptor)
                    .AddEventHandler(RegistrySigningKey.Descriptor)
                    .AddEventHandler(StatelessAccessTokens.Descriptor)
                    .AddEventHandler(RegistryValidationKeys.Descriptor)
                    .AddEventHandler(AccessTokenClaims.Descriptor)
                    .AddEventHandler(TokenResponseOutcome.Descriptor);
            });

        services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<AuthOptions>>((server, auth) =>
        {
            server.Issuer = new Uri(auth.Value.Issuer);
            server.AccessTokenLifetime = TimeSpan.FromMinutes(auth.Value.AccessTokenMinutes);
            server.AuthorizationCodeLifetime = TimeSpan.FromMinutes(1);
            server.RefreshTokenLifetime = TimeSpan.FromMinutes(auth.Value.RefreshTokenMinutes);

            // PKCE with S256 only: "plain" sends the verifier itself, which anyone who sees the request can replay.
            server.CodeChallengeMethods.Clear();
            server.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
        });

        // OpenIddict logs every request's parameters at Information; a credential sent in the wrong parameter would
        // reach the logs. The registry logs each outcome itself (TokenResponseOutcome), redacted.
        services.AddLogging(logging => logging.AddFilter("OpenIddict", LogLevel.Warning));
        return services;
    }
}
