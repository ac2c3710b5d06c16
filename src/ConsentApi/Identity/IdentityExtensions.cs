using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ConsentApi.Identity;

/// <summary>Wires identity into the service: token issuing, bearer authentication, scope policies, rate limits, headers.</summary>
public static class IdentityExtensions
{
    public static IServiceCollection AddRegistryIdentity(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<ClientRegistry>();
        services.AddSingleton<ClientKeys>();
        services.AddSingleton<ClientAssertionValidator>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddHostedService<IdentityRefresher>();
        services.AddHttpClient(ClientKeys.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyStore, ClientRegistry, IOptions<AuthOptions>>((jwt, keys, clients, auth) => Configure(jwt, keys, clients, auth.Value));
        services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AccessDeniedResults>();
        services.AddAuthorization(AccessPolicies.Add);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AuthOptions>>((limits, auth) => RateLimits.Configure(limits, auth.Value));
        return services;
    }

    /// <summary>Loads the signing keys (creating the first) and the client states before the first request.</summary>
    public static async Task LoadIdentityAsync(this IServiceProvider services, CancellationToken ct)
    {
        await services.GetRequiredService<SigningKeyStore>().LoadAsync(ct);
        await services.GetRequiredService<ClientRegistry>().RefreshAsync(ct);
    }

    public static WebApplication UseRegistryIdentity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    private static void Configure(JwtBearerOptions jwt, SigningKeyStore keys, ClientRegistry clients, AuthOptions auth)
    {
        jwt.MapInboundClaims = false;
        jwt.RequireHttpsMetadata = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Issuer,
            ValidAlgorithms = [SigningKeyStore.Algorithm],
            IssuerSigningKeyResolver = (_, _, kid, _) => kid is null ? keys.ValidationKeys : keys.ValidationKeys.Where(k => k.KeyId == kid),
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(auth.ClockSkewSeconds),
            NameClaimType = "sub",
        };
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var clientId = context.Principal?.FindFirst(IdentityClaims.ClientId)?.Value;
                if (clientId is not null && clients.Find(clientId) is not { Enabled: true })
                {
                    context.Fail(new ClientDisabledException(clientId));
                }

                return Task.CompletedTask;
            },
            OnChallenge = AccessDeniedResults.ChallengeAsync,
        };
    }
}
