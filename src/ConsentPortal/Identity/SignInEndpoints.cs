using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ConsentPortal.Identity;

/// <summary>
/// Signing in at the registry with the authorization code flow and PKCE (S256): the portal sends the browser to the
/// registry's sign-in page, swaps the returned code for an access token and a refresh token, and keeps them in its own
/// encrypted cookie (<see cref="SessionTokens"/> renews them while the person is active; signing out revokes them). The registry's API decides what the token may do; the portal never does.
/// </summary>
public static class SignInEndpoints
{
    /// <summary>Carries the sign-in's state and PKCE verifier from /signin to the callback (listed on the cookies page).</summary>
    public const string FlowCookie = "consentportal.signin";

    /// <summary>Asked by the timeout warning's "Stay signed in": renews the session now and says when it will end.</summary>
    public const string KeepAlivePath = "/session/keep-alive";

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", Start).WithName("SignIn");
        app.MapGet("/signin-callback", Callback).WithName("SignInCallback");
        app.MapPost("/signout", SignOut).WithName("SignOut");
        app.MapGet(KeepAlivePath, KeepAlive).WithName("KeepAlive").RequireAuthorization();
        return app;
    }

    private sealed record Flow(string State, string Verifier, string ReturnUrl);

    public static IResult Start(HttpContext context, string? returnUrl, IOptions<PortalOptions> options, IDataProtectionProvider protection)
    {
        var settings = options.Value;
        var flow = new Flow(Random(16), Random(32), LocalOnly(returnUrl));
        var protector = protection.CreateProtector(FlowCookie);
        context.Response.Cookies.Append(FlowCookie, protector.Protect(JsonSerializer.Serialize(flow)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromMinutes(10),
        });
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(flow.Verifier)));
        var query = QueryString.Create(new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = settings.ClientId,
            ["redirect_uri"] = settings.RedirectUri,
            ["scope"] = settings.Scopes,
            ["state"] = flow.State,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });
        return Results.Redirect($"{settings.ApiBaseUrl.TrimEnd('/')}/auth/authorize{query}");
    }

    public static async Task<IResult> Callback(HttpContext context, string? code, string? state, string? error, IOptions<PortalOptions> options,
        IDataProtectionProvider protection, IHttpClientFactory clients, TimeProvider time, CancellationToken ct)
    {
        var protector = protection.CreateProtector(FlowCookie);
        Flow? flow = null;
        if (context.Request.Cookies.TryGetValue(FlowCookie, out var raw))
        {
            try
            {
                flow = JsonSerializer.Deserialize<Flow>(protector.Unprotect(raw));
            }
            catch (CryptographicException)
            {
                flow = null;
            }
        }

        context.Response.Cookies.Delete(FlowCookie);
        if (error is not null || code is null || flow is null || flow.State != state)
        {
            return Results.Redirect("/signin-problem");
        }

        var settings = options.Value;
        var http = clients.CreateClient(Registry.RegistryApi.ClientName);
        using var response = await http.PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = settings.ClientId,
            ["redirect_uri"] = settings.RedirectUri,
            ["code_verifier"] = flow.Verifier,
            ["code"] = code,
        }), ct);
        if (!response.IsSuccessStatusCode)
        {
            return Results.Redirect("/signin-problem");
        }

        var tokens = SessionTokens.Read(await response.Content.ReadFromJsonAsync<JsonElement>(ct), time);
        using var me = new HttpRequestMessage(HttpMethod.Get, "/accounts/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var account = await http.SendAsync(me, ct);
        var person = account.IsSuccessStatusCode ? await account.Content.ReadFromJsonAsync<JsonElement>(ct) : default;
        if (Text(person, "userName") is not { } userName || Text(person, "kind") is not { } kind)
        {
            // Without the account there is no telling whose session this is or what it may show.
            return Results.Redirect("/signin-problem");
        }

        var claims = new List<Claim>(SessionTokens.Claims(tokens))
        {
            // A stable identifier: without one, antiforgery tokens are bound to a hash of every claim, and the renewed
            // access token in the cookie would make a form shown before a renewal fail when it is sent after it.
            new(ClaimTypes.NameIdentifier, userName),
            new(PortalClaims.Kind, kind),
            new(PortalClaims.Name, Text(person, "displayName") ?? userName),
        };
        claims.Add(new Claim(PortalClaims.SessionEnds, time.GetUtcNow().AddHours(settings.SessionHours).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        if (Text(person, "nhsNumber") is { } nhs)
        {
            claims.Add(new Claim(PortalClaims.NhsNumber, nhs));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, PortalClaims.Name, PortalClaims.Kind));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties
        {
            // With a refresh token the session lasts while the person is active, up to the registry's limit on a sign-in
            // (SessionTokens renews it); without one, it ends when the access token does.
            // The cookie outlives the registry's limit by a little, so the end of a session is always the registry refusing
            // a renewal, when the portal still knows whose it was (ExpiredSession keeps a form posted just then).
            ExpiresUtc = tokens.RefreshToken is null ? tokens.ExpiresAt.AddSeconds(-15) : time.GetUtcNow().AddHours(settings.SessionHours).AddMinutes(10),
        });
        return Results.Redirect(flow.ReturnUrl);
    }

    public static IResult KeepAlive(HttpContext context, IOptions<PortalOptions> options, TimeProvider time) =>
        SessionClock.Of(context.User, options.Value) is { } clock
            ? Results.Json(new { now = time.GetUtcNow().ToUnixTimeSeconds(), idleEnds = clock.IdleEnds.ToUnixTimeSeconds(), sessionEnds = clock.SessionEnds.ToUnixTimeSeconds() })
            : Results.NoContent();

    public static async Task<IResult> SignOut(HttpContext context, IOptions<PortalOptions> options, IHttpClientFactory clients)
    {
        // Ends the sign-in at the registry too, so its refresh token is of no use to anyone holding a copy of the cookie.
        if (context.User.FindFirst(PortalClaims.RefreshToken)?.Value is { } refreshToken)
        {
            using var revoked = await clients.CreateClient(Registry.RegistryApi.ClientName).PostAsync("/auth/revoke", new FormUrlEncodedContent(
                new Dictionary<string, string> { ["token"] = refreshToken, ["token_type_hint"] = "refresh_token", ["client_id"] = options.Value.ClientId }));
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/signed-out");
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string LocalOnly(string? url) => url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url : "/";

    private static string Random(int bytes) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
