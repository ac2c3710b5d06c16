using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrashHarness;

/// <summary>The harness as a client system: its own key, registered with the registry's command, and tokens from the token endpoint.</summary>
public sealed class HarnessClient : IDisposable
{
    public const string ClientId = "crash-harness";
    public const string Scopes = "system/Consent.rs system/Consent.cud system/AuditEvent.rs registry.decisions";
    private readonly RSA rsa = RSA.Create(2048);

    public string Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));
        return JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = "harness-1", n = jwk.N, e = jwk.E } } });
    }

    public async Task<HttpClient> ConnectAsync(Uri registry)
    {
        var http = new HttpClient { BaseAddress = registry, Timeout = TimeSpan.FromSeconds(30) };
        var audience = new Uri(registry, "auth/token").ToString();
        var assertion = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["iss"] = ClientId, ["sub"] = ClientId, ["aud"] = audience, ["jti"] = Guid.NewGuid().ToString("N") },
            Expires = DateTime.UtcNow.AddMinutes(4),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "harness-1" }, SecurityAlgorithms.RsaSha384),
        });
        using var response = await http.PostAsync("auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
            ["scope"] = Scopes,
        }));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public void Dispose() => rsa.Dispose();
}
