using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace ConsentPortal.Identity;

/// <summary>
/// Keeps a person signed in while they use the portal: shortly before the registry's access token runs out, the refresh
/// token is swapped for a new pair and the session cookie rewritten, on whichever request comes first. The registry
/// uses each refresh token once and ends the whole sign-in if one is used twice, so requests arriving together share one
/// swap. When the swap is refused (the person was idle too long, the sign-in reached its limit, or was revoked) the
/// session ends and the person signs in again.
/// </summary>
public static class SessionTokens
{
    /// <summary>How long before the access token's expiry it is renewed.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);

    private static readonly ConcurrentDictionary<string, Lazy<Task<TokenSet?>>> Swaps = new(StringComparer.Ordinal);

    /// <summary>What the registry's token endpoint answered: the tokens and when the access token expires.</summary>
    public sealed record TokenSet(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, string Scope, DateTimeOffset ObtainedAt);

    public static TokenSet Read(JsonElement response, TimeProvider time) => new(
        response.GetProperty("access_token").GetString()!,
        response.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
        time.GetUtcNow().AddSeconds(response.GetProperty("expires_in").GetInt32()),
        response.TryGetProperty("scope", out var scope) ? scope.GetString() ?? "" : "",
        time.GetUtcNow());

    /// <summary>The claims that carry the tokens in the session cookie (which Data Protection encrypts).</summary>
    public static IEnumerable<Claim> Claims(TokenSet tokens)
    {
        yield return new Claim(PortalClaims.AccessToken, tokens.AccessToken);
        yield return new Claim(PortalClaims.ExpiresAt, tokens.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        yield return new Claim(PortalClaims.Scope, tokens.Scope);
        yield return new Claim(PortalClaims.RenewedAt, tokens.ObtainedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        if (tokens.RefreshToken is not null)
        {
            yield return new Claim(PortalClaims.RefreshToken, tokens.RefreshToken);
        }
    }

    /// <summary>
    /// The cookie authentication's check on every request: renews the tokens when they are about to run out, or when the
    /// person asked to stay signed in (the keep-alive request), which starts the registry's idle time again.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var principal = context.Principal!;
        var expires = long.TryParse(principal.FindFirst(PortalClaims.ExpiresAt)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MaxValue;
        var forced = context.HttpContext.Request.Path == SignInEndpoints.KeepAlivePath;
        if ((!forced && expires - time.GetUtcNow() > Margin) || principal.FindFirst(PortalClaims.RefreshToken)?.Value is not { } refreshToken)
        {
            return;
        }

        TokenSet? renewed;
        try
        {
            renewed = await Swaps.GetOrAdd(refreshToken, token => new Lazy<Task<TokenSet?>>(() => SwapOnceAsync(services, token, time))).Value;
        }
        catch (HttpRequestException)
        {
            // The registry could not be reached: the next request tries again, and the session stands meanwhile (if the
            // access token has run out, the API's 401 sends the person to sign in, as for any expired session).
            Swaps.TryRemove(refreshToken, out _);
            return;
        }

        if (renewed is null)
        {
            ExpiredSession.Ended(context.HttpContext, principal);
            context.RejectPrincipal();
            return;
        }

        var kept = principal.Claims.Where(c => c.Type is not (PortalClaims.AccessToken or PortalClaims.RefreshToken or PortalClaims.ExpiresAt or PortalClaims.Scope or PortalClaims.RenewedAt));
        var identity = new ClaimsIdentity(kept.Concat(Claims(renewed)), CookieAuthenticationDefaults.AuthenticationScheme, PortalClaims.Name, PortalClaims.Kind);
        context.ReplacePrincipal(new ClaimsPrincipal(identity));
        context.ShouldRenew = true;
    }

    /// <summary>The swap, remembered for two minutes so requests that carried the same refresh token share its answer.</summary>
    private static async Task<TokenSet?> SwapOnceAsync(IServiceProvider services, string refreshToken, TimeProvider time)
    {
        var answer = await SwapAsync(services, refreshToken, time);
        _ = Task.Delay(TimeSpan.FromMinutes(2)).ContinueWith(_ => Swaps.TryRemove(refreshToken, out var _), TaskScheduler.Default);
        return answer;
    }

    private static async Task<TokenSet?> SwapAsync(IServiceProvider services, string refreshToken, TimeProvider time)
    {
        var settings = services.GetRequiredService<IOptions<PortalOptions>>().Value;
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(Registry.RegistryApi.ClientName);
        using var response = await http.PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = settings.ClientId,
            ["refresh_token"] = refreshToken,
        }));
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        return Read(await response.Content.ReadFromJsonAsync<JsonElement>(), time);
    }
}
