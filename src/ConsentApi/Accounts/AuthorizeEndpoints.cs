using System.Security.Cryptography;
using System.Text;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace ConsentApi.Accounts;

/// <summary>
/// Signing people in for apps (the patient portal, staff tools): OAuth 2.0 authorization code with PKCE (S256 only),
/// as SMART App Launch's standalone launch uses. The person signs in here with their password (and TOTP code if they
/// turned it on); the app gets a one-time code at its registered redirect URI and swaps it at the token endpoint.
/// </summary>
public static class AuthorizeEndpoints
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(1);

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

    public static async Task<IResult> Authorize(HttpContext context, RegistryDbContext db, UserManager<RegistryUser> users, TimeProvider time, CancellationToken ct)
    {
        var query = context.Request.Query;
        var clientId = query["client_id"].ToString();
        var redirectUri = query["redirect_uri"].ToString();
        var client = clientId.Length == 0 ? null : await ClientRegistry.ReadAsync(db, clientId, ct);
        if (client is not { Enabled: true, RedirectUris: not null })
        {
            return LoginPage.Error($"No app '{clientId}' is registered to sign people in.");
        }

        if (!client.RedirectUriList.Contains(redirectUri, StringComparer.Ordinal))
        {
            return LoginPage.Error("The redirect_uri is not one registered for this app, so the sign-in result cannot be sent to it.");
        }

        var state = query["state"].ToString();
        if (query["response_type"] != "code")
        {
            return Back(redirectUri, state, ("error", "unsupported_response_type"), ("error_description", "Only response_type=code is supported."));
        }

        if (query["code_challenge"].ToString().Length < 43 || query["code_challenge_method"] != "S256")
        {
            return Back(redirectUri, state, ("error", "invalid_request"), ("error_description", "PKCE is required: code_challenge (43+ characters) with code_challenge_method=S256."));
        }

        var scopes = query["scope"].ToString();
        if (scopes.Length == 0)
        {
            return Back(redirectUri, state, ("error", "invalid_scope"), ("error_description", "scope is required."));
        }

        var signedIn = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = signedIn.Succeeded ? await users.GetUserAsync(signedIn.Principal!) : null;
        if (user is null)
        {
            return Results.Redirect("/auth/login?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        await using (var transaction = await WriteTransaction.BeginAsync(db, ct))
        {
            db.AuthorizationCodes.Add(new AuthorizationCode
            {
                CodeHash = Hash(code),
                ClientId = client.ClientId,
                RedirectUri = redirectUri,
                UserId = user.Id,
                Scopes = scopes,
                CodeChallenge = query["code_challenge"].ToString(),
                ExpiresTicks = (time.GetUtcNow() + CodeLifetime).UtcTicks,
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        // The sign-in cookie has done its job: the app holds the session from here.
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Back(redirectUri, state, ("code", code));
    }

    public static IResult LoginForm(HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
        LoginPage.Password(Local(returnUrl), antiforgery.GetAndStoreTokens(context).RequestToken!);

    /// <summary>
    /// The one answer to a failed sign-in, whether the password was wrong, the user name unknown, or attempts are being
    /// refused for a while: which user names exist is never shown.
    /// </summary>
    public const string SignInFailed = "The user name or password is not right, or there have been too many attempts. Check them and try again in 15 minutes.";

    public static async Task<IResult> Login(HttpContext context, IAntiforgery antiforgery, SignInManager<RegistryUser> signIn, AttemptThrottle throttle,
        CancellationToken ct)
    {
        if (await PostedFormAsync(context, antiforgery) is not { } form)
        {
            return Expired;
        }

        var returnUrl = Local(form["returnUrl"]);
        var token = antiforgery.GetAndStoreTokens(context).RequestToken!;
        var userName = form["username"].ToString();
        var source = AttemptThrottle.SourceOf(context);

        // Refused per address first, then per account from that address, and only then per account from everywhere
        // (for a short while): guessing from one address never locks the account's owner out.
        if (!await throttle.MaySignInAsync(userName, source, ct))
        {
            return LoginPage.Password(returnUrl, token, SignInFailed);
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
        return LoginPage.Password(returnUrl, token, SignInFailed);
    }

    public static IResult TwoFactorForm(HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
        LoginPage.TwoFactor(Local(returnUrl), antiforgery.GetAndStoreTokens(context).RequestToken!);

    public static async Task<IResult> TwoFactor(HttpContext context, IAntiforgery antiforgery, SignInManager<RegistryUser> signIn)
    {
        if (await PostedFormAsync(context, antiforgery) is not { } form)
        {
            return Expired;
        }

        var returnUrl = Local(form["returnUrl"]);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(form["code"].ToString().Replace(" ", "", StringComparison.Ordinal), false, false);
        return result.Succeeded
            ? Results.Redirect(returnUrl)
            : LoginPage.TwoFactor(returnUrl, antiforgery.GetAndStoreTokens(context).RequestToken!,
                result.IsLockedOut ? "There have been too many wrong codes: try again in 15 minutes." : "That code is not right; codes change every 30 seconds.");
    }

    /// <summary>The SHA-256 of a code or verifier, base64url (as PKCE's S256 and the stored code hashes use).</summary>
    public static string Hash(string value) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(value)));

    private static IResult Expired => LoginPage.Error("The form had expired or did not come from this site. Go back to the app and start again.");

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

    private static IResult Back(string redirectUri, string state, params (string Name, string Value)[] parameters)
    {
        var values = parameters.ToDictionary(p => p.Name, p => (string?)p.Value);
        if (state.Length > 0)
        {
            values["state"] = state;
        }

        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, values));
    }
}
