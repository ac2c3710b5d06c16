using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace ConsentPortal.Identity;

/// <summary>
/// A form posted after the session has ended is never lost. Instead of the sign-in redirect (which a form post cannot
/// follow to the registry: the portal's policy allows forms to go to the portal only), the portal keeps what was
/// entered in an encrypted cookie, shows a page saying the session ended, and sends the person to sign in. When the same
/// person is back on the same step, the page fills the form in again and says so; it is never sent for them.
/// </summary>
public static class ExpiredSession
{
    public const string Cookie = "consentportal.kept";
    public const string EndedPath = "/session-ended";
    private const string OwnerKey = "consentportal.expired-owner";
    private const string RestoredKey = "consentportal.restored";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private sealed record Kept(string Owner, string Action, string ReturnTo, Dictionary<string, string> Fields);

    /// <summary>Who a session belonged to, remembered when the registry refuses to renew it (see <see cref="SessionTokens"/>).</summary>
    public static void Ended(HttpContext context, ClaimsPrincipal principal) => context.Items[OwnerKey] = Owner(principal);

    /// <summary>The cookie handler's answer to a request that needs a session it does not have.</summary>
    public static async Task RedirectToLoginAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var request = context.Request;
        if (request.Path == SignInEndpoints.KeepAlivePath)
        {
            // The timeout warning's script asked: it reloads the page, which then goes to sign-in as any page would.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Redirect(context.RedirectUri);
            return;
        }

        var action = request.Path.Value + request.QueryString.Value;
        // A form comes back to the page that shows it: its own address, except the switch of whose choices, on every page.
        var returnTo = action == Registry.ActingForEndpoints.Path ? Registry.ActingForEndpoints.ReturnTo : action;
        var kept = false;
        if (context.HttpContext.Items[OwnerKey] is string owner && SameOrigin(request) && request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
                var fields = form.Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
                var value = Protector(context.HttpContext).Protect(JsonSerializer.Serialize(new Kept(owner, action, returnTo, fields)));
                new ChunkingCookieManager().AppendResponseCookie(context.HttpContext, Cookie, value, Options(request));
                kept = true;
            }
            catch (InvalidDataException)
            {
                // A body that is not a readable form was not sent by a portal page: nothing to keep.
            }
        }

        // 303: the browser follows with a GET to the portal's own page, which its form-action policy allows.
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = $"{EndedPath}?returnUrl={Uri.EscapeDataString(returnTo)}&kept={(kept ? "yes" : "no")}";
    }

    /// <summary>
    /// What was entered in the form that posts to <paramref name="action"/> (this page's own address when null), if the
    /// person now signed in is the one whose session ended and this is the page they were on. Taken once.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Take(HttpContext context, string? action = null)
    {
        var here = context.Request.Path.Value + context.Request.QueryString.Value;
        var cookies = new ChunkingCookieManager();
        if (context.User.Identity?.IsAuthenticated != true || cookies.GetRequestCookie(context, Cookie) is not { } raw)
        {
            return null;
        }

        Kept? kept;
        try
        {
            kept = JsonSerializer.Deserialize<Kept>(Protector(context).Unprotect(raw));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            kept = null;
        }

        if (kept is null || kept.Owner != Owner(context.User) || kept.ReturnTo != here || kept.Action != (action ?? here))
        {
            return null;
        }

        cookies.DeleteCookie(context, Cookie, Options(context.Request));
        context.Items[RestoredKey] = true;
        return kept.Fields;
    }

    /// <summary>Whether this page filled in a form from a session that had ended (the layout says so).</summary>
    public static bool Restored(HttpContext context) => context.Items.ContainsKey(RestoredKey);

    private static string Owner(ClaimsPrincipal principal) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        $"{principal.FindFirst(ClaimTypes.NameIdentifier)?.Value}|{principal.FindFirst(PortalClaims.Kind)?.Value}|{principal.FindFirst(PortalClaims.NhsNumber)?.Value}")));

    private static bool SameOrigin(HttpRequest request) =>
        request.Headers["Sec-Fetch-Site"].ToString() is "same-origin"
        || (request.Headers.Origin.ToString() is { Length: > 0 } origin && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Cookie);

    private static CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = request.IsHttps,
        Path = "/",
        MaxAge = Lifetime,
    };
}
