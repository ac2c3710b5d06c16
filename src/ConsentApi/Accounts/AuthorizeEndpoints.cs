using ConsentApi.Identity;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace ConsentApi.Accounts;

/// <summary>
/// Signing people in for apps (the patient portal, staff tools): OAuth 2.0 authorization code with PKCE (S256 only),
/// as SMART App Launch's standalone launch uses. The person signs in here with their password (and TOTP code if they
/// turned it on); the app gets a one-time code at its registered redirect URI and swaps it at the token endpoint.
/// </summary>
public static class AuthorizeEndpoints
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/auth").WithTags("Sign-in").AllowAnonymous().DisableAntiforgery();
        group.MapGet("/authorize", Authorize).WithName("Authorize");
        group.MapGet("/login", LoginForm).WithName("LoginForm");
        group.MapPost("/login", Login).WithName("Login");
        group.MapGet("/login/two-factor", TwoFactorForm).WithName("TwoFactorForm");
        group.MapPost("/login/two-factor", TwoFactor).WithName("TwoFactor");
        return app;
    }

    /// <summary>
    /// The authorize endpoint's last step, after OpenIddict has checked the app, its redirect URI, the response type and
    /// PKCE (S256): the person signs in here if they have not, then OpenIddict sends the app its one-time code.
    /// </summary>
    public static async Task<IResult> Authorize(HttpContext context, UserManager<RegistryUser> users, TimeProvider time)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The authorize endpoint is reached only through OpenIddict's server.");
        var signedIn = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = signedIn.Succeeded ? await users.GetUserAsync(signedIn.Principal!) : null;
        if (user is null)
        {
            return Results.Redirect("/auth/login?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
        }

        if (request.GetScopes().Length == 0)
        {
            return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = OpenIddictConstants.Errors.InvalidScope,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "scope is required.",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        // The sign-in cookie has done its job: the app holds the session from here.
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignIn(PersonGrant.Authorization(user, request.GetScopes(), time), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public static IResult LoginForm(HttpContext context, IAntiforgery antiforgery, IOptions<AuthOptions> auth, string? returnUrl) =>
        LoginPage.Password(Local(returnUrl), antiforgery.GetAndStoreTokens(context).RequestToken!, Portal(auth));

    /// <summary>
    /// The one answer to a failed sign-in, whether the password was wrong, the user name unknown, or attempts are being
    /// refused for a while: which user names exist is never shown.
    /// </summary>
    public const string SignInFailed = "The user name or password is not right, or there have been too many attempts. Check them and try again in 15 minutes.";

    public static async Task<IResult> Login(HttpContext context, IAntiforgery antiforgery, SignInManager<RegistryUser> signIn, AttemptThrottle throttle,
        IOptions<AuthOptions> auth, CancellationToken ct)
    {
        if (await PostedFormAsync(context, antiforgery) is not { } form)
        {
            return Expired(auth);
        }

        var returnUrl = Local(form["returnUrl"]);
        var token = antiforgery.GetAndStoreTokens(context).RequestToken!;
        var userName = form["username"].ToString();
        var source = AttemptThrottle.SourceOf(context);

        // Refused per address first, then per account from that address, and only then per account from everywhere
        // (for a short while): guessing from one address never locks the account's owner out.
        if (!await throttle.MaySignInAsync(userName, source, ct))
        {
            return LoginPage.Password(returnUrl, token, Portal(auth), SignInFailed);
        }

        var result = await signIn.PasswordSignInAsync(userName, form["password"].ToString(), isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            return Results.Redirect(returnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return Results.Redirect("/auth/login/two-factor?returnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        await throttle.RecordFailureAsync(AttemptThrottle.SignIn, userName, source, ct);
        return LoginPage.Password(returnUrl, token, Portal(auth), SignInFailed);
    }

    public static IResult TwoFactorForm(HttpContext context, IAntiforgery antiforgery, IOptions<AuthOptions> auth, string? returnUrl) =>
        LoginPage.TwoFactor(Local(returnUrl), antiforgery.GetAndStoreTokens(context).RequestToken!, Portal(auth));

    public static async Task<IResult> TwoFactor(HttpContext context, IAntiforgery antiforgery, SignInManager<RegistryUser> signIn, IOptions<AuthOptions> auth)
    {
        if (await PostedFormAsync(context, antiforgery) is not { } form)
        {
            return Expired(auth);
        }

        var returnUrl = Local(form["returnUrl"]);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(form["code"].ToString().Replace(" ", "", StringComparison.Ordinal), false, false);
        return result.Succeeded
            ? Results.Redirect(returnUrl)
            : LoginPage.TwoFactor(returnUrl, antiforgery.GetAndStoreTokens(context).RequestToken!, Portal(auth),
                result.IsLockedOut ? "There have been too many wrong codes: try again in 15 minutes." : "That code is not right; codes change every 30 seconds.");
    }

    private static IResult Expired(IOptions<AuthOptions> auth) =>
        LoginPage.Error("The form had expired or did not come from this site. Go back to the app and start again.", Portal(auth));

    private static string? Portal(IOptions<AuthOptions> auth) => auth.Value.PortalUrl?.TrimEnd('/');

    /// <summary>
    /// The posted sign-in form, or null when it fails the antiforgery check (a form this site did not serve) or cannot be
    /// read at all (a broken body: the same "start again" page, never a fault).
    /// </summary>
    private static async Task<IFormCollection?> PostedFormAsync(HttpContext context, IAntiforgery antiforgery)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(context) ? await context.Request.ReadFormAsync() : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return null;
        }
    }

    /// <summary>Only back to this registry's own authorize endpoint: never an open redirect.</summary>
    private static string Local(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith("/auth/authorize?", StringComparison.Ordinal) ? returnUrl : "/auth/authorize";
}
