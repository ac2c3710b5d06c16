using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ConsentApi.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace ConsentApi.Tests.Support;

/// <summary>
/// A person signing in through an app, step by step over real HTTP as a browser would: authorize, the login form
/// (with its antiforgery token and cookies), the two-factor form if asked, back to the app's redirect URI with a
/// code, and the app swapping the code and its PKCE verifier for a token.
/// </summary>
public sealed partial class SignInFlow(Uri server, string clientId, string redirectUri) : IDisposable
{
    private readonly HttpClient browser = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server };
    private readonly HttpClient app = new() { BaseAddress = server };

    public string Verifier { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public string AuthorizeUrl(string scope, string? challenge = null, string method = "S256", string? redirect = null) =>
        QueryHelpers.AddQueryString("/auth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirect ?? redirectUri,
            ["scope"] = scope,
            ["state"] = "xyz",
            ["code_challenge"] = challenge ?? Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier))),
            ["code_challenge_method"] = method,
        });

    /// <summary>Goes as far as the app's redirect URI; returns where the browser was sent last and the page it saw before.</summary>
    public async Task<(Uri Location, string LastPage)> SignInAsync(string userName, string password, string scope, Func<string>? totp = null)
    {
        var next = new Uri(server, AuthorizeUrl(scope));
        var page = "";
        for (var step = 0; step < 10; step++)
        {
            if (next.GetLeftPart(UriPartial.Path).StartsWith(redirectUri, StringComparison.Ordinal))
            {
                return (next, page);
            }

            using var response = await browser.GetAsync(next);
            page = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                next = new Uri(server, response.Headers.Location!);
                continue;
            }

            var form = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken"),
                ["returnUrl"] = WebUtility.HtmlDecode(Hidden(page, "returnUrl")),
            };
            string action;
            if (page.Contains("name=\"password\"", StringComparison.Ordinal))
            {
                (action, form["username"], form["password"]) = ("/auth/login", userName, password);
            }
            else if (page.Contains("name=\"code\"", StringComparison.Ordinal) && totp is not null)
            {
                (action, form["code"]) = ("/auth/login/two-factor", totp());
            }
            else
            {
                return (next, page);
            }

            using var posted = await browser.PostAsync(action, new FormUrlEncodedContent(form));
            page = await posted.Content.ReadAsStringAsync();
            if (posted.StatusCode != HttpStatusCode.Redirect)
            {
                return (next, page);
            }

            next = new Uri(server, posted.Headers.Location!);
        }

        throw new InvalidOperationException("Sign-in went round in circles.");
    }

    /// <summary>The app's side: swap the code for a token (the raw response, so tests can look at refusals).</summary>
    public Task<HttpResponseMessage> RedeemAsync(string code, string? verifier = null, string? redirect = null) =>
        app.PostAsync(TokenEndpoints.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirect ?? redirectUri,
            ["client_id"] = clientId,
            ["code_verifier"] = verifier ?? Verifier,
        }));

    /// <summary>The app's side: swap a refresh token for a new pair (the raw response).</summary>
    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        app.PostAsync(TokenEndpoints.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = clientId,
        }));

    /// <summary>The app's side of signing out: revoke a token (RFC 7009).</summary>
    public Task<HttpResponseMessage> RevokeAsync(string token) =>
        app.PostAsync("/auth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["client_id"] = clientId,
        }));

    /// <summary>Signs in all the way and returns the token response.</summary>
    public async Task<TokenResponse> TokenAsync(string userName, string password, string scope, Func<string>? totp = null)
    {
        var (location, page) = await SignInAsync(userName, password, scope, totp);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.True(query.ContainsKey("code"), $"no code; ended at {location} after: {page}");
        using var response = await RedeemAsync(query["code"]!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => browser.GetAsync(url);

    public void Dispose()
    {
        browser.Dispose();
        app.Dispose();
    }

    private static string Hidden(string page, string name)
    {
        var match = Regex.Match(page, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No {name} in: {page}");
    }
}
