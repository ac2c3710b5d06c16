using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ConsentApi.Identity.TokenServer;
using Microsoft.IdentityModel.Tokens;

namespace ConsentApi.Identity;

/// <summary>Wires identity into the service: token issuing, bearer authentication, scope policies, rate limits, headers.</summary>
public static class IdentityExtensions
{
    /// <summary>The Data Protection key ring's folder (see <see cref="AuthOptions.KeyRingDirectory"/>).</summary>
    public static string KeyRingFolder(AuthOptions auth, Persistence.PersistenceOptions persistence, IHostEnvironment environment) =>
        string.IsNullOrWhiteSpace(auth.KeyRingDirectory)
            ? Path.Combine(persistence.DataFolder(environment.ContentRootPath), "key-ring")
            : Path.GetFullPath(Path.Combine(environment.ContentRootPath, auth.KeyRingDirectory));

    public static IServiceCollection AddRegistryIdentity(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDataProtection().SetApplicationName("ConsentRegistry");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<AuthOptions>, IOptions<Persistence.PersistenceOptions>, IHostEnvironment, ILoggerFactory>(
            (ring, auth, persistence, environment, logs) => ring.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Persistence.PrivateFiles.Folder(KeyRingFolder(auth.Value, persistence.Value, environment))), logs));
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<ClientRegistry>();
        services.AddSingleton<ClientKeys>();
        services.AddSingleton<ClientAssertionValidator>();
        services.AddSingleton<ValidatedTokenCache>();
        services.AddHostedService<IdentityRefresher>();
        services.AddHttpClient(ClientKeys.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddRegistryTokenServer();

        services.AddAuthentication(PatientTokens.Selector)
            .AddJwtBearer()
            .AddJwtBearer(PatientTokens.Scheme, _ => { })
            .AddPolicyScheme(PatientTokens.Selector, "Registry or patient issuer", _ => { });
        services.AddOptions<PolicySchemeOptions>(PatientTokens.Selector).Configure<IOptions<AuthOptions>>((selector, auth) =>
            selector.ForwardDefaultSelector = context => PatientTokens.SchemeFor(context, auth.Value.Patients));
        services.AddOptions<JwtBearerOptions>(PatientTokens.Scheme).Configure<IOptions<AuthOptions>>((jwt, auth) =>
            PatientTokens.Configure(jwt, auth.Value.Patients, auth.Value));
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyStore, ClientRegistry, ValidatedTokenCache, IOptions<AuthOptions>>(
                (jwt, keys, clients, cache, auth) => Configure(jwt, keys, clients, cache, auth.Value));
        // Accounts: ASP.NET Core Identity's users, passwords, lockout and TOTP, with its sign-in cookies kept to /auth.
        services.AddIdentityCore<Accounts.RegistryUser>(Accounts.AccountOptions.Configure)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<Persistence.RegistryDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddAuthentication()
            .AddCookie(IdentityConstants.ApplicationScheme, Accounts.AccountOptions.Cookie)
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, Accounts.AccountOptions.Cookie)
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme, Accounts.AccountOptions.Cookie)
            .AddCookie(IdentityConstants.ExternalScheme, Accounts.AccountOptions.Cookie);
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Singleton<IAuthenticationSchemeProvider, TokenServer.TokenServerSchemes>());
        services.AddAntiforgery();
        services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
        services.AddScoped<IClaimsTransformation, Proxies.ProxyClaimsTransformation>();
        services.AddScoped<AttemptThrottle>();
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

    private static void Configure(JwtBearerOptions jwt, SigningKeyStore keys, ClientRegistry clients, ValidatedTokenCache cache, AuthOptions auth)
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
            OnMessageReceived = context =>
            {
                // A token this node has validated before (same bytes, not expired) skips the signature check.
                var header = context.Request.Headers.Authorization.ToString();
                if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !cache.TryGet(header[7..].Trim(), out var principal))
                {
                    return Task.CompletedTask;
                }

                if (StillEnabled(principal!, clients, out var disabled))
                {
                    context.Principal = principal;
                    context.Success();
                }
                else
                {
                    context.Fail(new ClientDisabledException(disabled!));
                }

                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                if (!StillEnabled(context.Principal!, clients, out var disabled))
                {
                    context.Fail(new ClientDisabledException(disabled!));
                }
                else if (context.SecurityToken is { } token)
                {
                    cache.Add(context.Request.Headers.Authorization.ToString()[7..].Trim(), context.Principal!, new DateTimeOffset(token.ValidTo, TimeSpan.Zero));
                }

                return Task.CompletedTask;
            },
            OnChallenge = AccessDeniedResults.ChallengeAsync,
        };
    }

    /// <summary>Whether the token's client (if it is a client's token) is still enabled; if not, which client.</summary>
    private static bool StillEnabled(System.Security.Claims.ClaimsPrincipal principal, ClientRegistry clients, out string? disabled)
    {
        var clientId = principal.FindFirst(IdentityClaims.ClientId)?.Value;
        disabled = clientId is not null && clients.Find(clientId) is not { Enabled: true } ? clientId : null;
        return disabled is null;
    }
}
