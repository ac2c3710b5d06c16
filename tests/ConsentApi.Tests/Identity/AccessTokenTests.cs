using System.Net;
using System.Text;
using System.Text.Json;
using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Identity;

/// <summary>Access tokens that are not the registry's own, or not as it issued them, are refused with 401.</summary>
public sealed class AccessTokenTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();
    private readonly HttpClient _anonymous = api.CreateAnonymousClient();

    [Fact]
    public async Task Api_WhenAccessTokenIsTamperedToAddAScope_ThenUnauthorized()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");
        var token = await api.TokenAsync(client, key, "system/Consent.rs");
        using var http = api.CreateClientWithToken(CraftedJwt.Tamper(token, p => p["scope"] = "system/Consent.rs registry.admin"));

        using var response = await http.GetAsync("/admin/clients");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WhenAccessTokenIsUnsignedOrHmacSignedWithTheRegistryPublicKey_ThenUnauthorized()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");
        var payload = CraftedJwt.Payload(await api.TokenAsync(client, key, "system/Consent.rs"));
        var jwks = await _anonymous.GetStringAsync("/.well-known/jwks.json");
        var kid = JsonDocument.Parse(jwks).RootElement.GetProperty("keys")[0].GetProperty("kid").GetString();

        using var unsigned = api.CreateClientWithToken(CraftedJwt.Unsigned(payload));
        using var hmac = api.CreateClientWithToken(CraftedJwt.Hs256(payload, Encoding.UTF8.GetBytes(jwks), kid));

        Assert.Equal(HttpStatusCode.Unauthorized, (await unsigned.GetAsync("/fhir/Consent?_count=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hmac.GetAsync("/fhir/Consent?_count=1")).StatusCode);
    }

    [Fact]
    public async Task Api_WhenAccessTokenWasSignedByAnotherIssuer_ThenUnauthorized()
    {
        using var forger = TestClientKey.Rsa("forged");
        var forged = forger.Assertion(ApiFactory.TestClientId, api.Issuer, issuer: api.Issuer);
        using var http = api.CreateClientWithToken(CraftedJwt.Tamper(forged, p => p["scope"] = "system/Consent.rs"));

        using var response = await http.GetAsync("/fhir/Consent?_count=1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("security", (await response.OutcomeAsync()).Issue![0].Code?.GetLiteral());
    }

    [Fact]
    public async Task Api_WhenNoToken_ThenUnauthorizedWithBearerChallengeAsOperationOutcome()
    {
        using var response = await _anonymous.GetAsync("/fhir/Consent?_count=1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var outcome = await response.OutcomeAsync();
        Assert.Equal("login", outcome.Issue![0].Code?.GetLiteral());
    }

    private Task<string> RegisterAsync(TestClientKey key, string scopes) => _admin.RegisterClientAsync(key, scopes, "A81001");
}
