using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrashHarness;

/// <summary>
/// The harness as a client system: its own key, registered with the registry's command, and tokens from the token
/// endpoint, renewed a minute before they expire (tokens live five minutes; a soak runs for longer).
/// </summary>
public sealed class HarnessClient : IDisposable
{
    public const string ClientId = "crash-harness";
    public const string Scopes = "system/Consent.rs system/Consent.cud system/AuditEvent.rs registry.decisions registry.monitoring registry.admin";
    private readonly RSA rsa = RSA.Create(2048);

    public string Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));
        return JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = "harness-1", n = jwk.N, e = jwk.E } } });
    }

    /// <summary>
    /// A client on the registry whose requests carry a current token, over at most <paramref name="connections"/>
    /// connections (unlimited when null).
    /// </summary>
    public async Task<HttpClient> ConnectAsync(Uri registry, int? connections = null)
    {
        var sockets = new SocketsHttpHandler { MaxConnectionsPerServer = connections ?? int.MaxValue };
        var handler = new TokenHandler(this, registry) { InnerHandler = sockets };
        await handler.RenewAsync(CancellationToken.None);
        return new HttpClient(handler) { BaseAddress = registry, Timeout = TimeSpan.FromSeconds(30) };
    }

    public void Dispose() => rsa.Dispose();

    /// <summary>A signed client assertion (SMART Backend Services) for the token endpoint at <paramref name="audience"/>.</summary>
    public string Assertion(string audience, string jti) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Claims = new Dictionary<string, object>
        {
            ["iss"] = ClientId,
            ["sub"] = ClientId,
            ["aud"] = audience,
            ["jti"] = jti,
        },
        Expires = DateTime.UtcNow.AddMinutes(4),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "harness-1" }, SecurityAlgorithms.RsaSha384),
    });

    private async Task<(string Token, DateTimeOffset Expires)> TokenAsync(Uri registry, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = registry, Timeout = TimeSpan.FromSeconds(30) };
        var assertion = Assertion(new Uri(registry, "auth/token").ToString(), Guid.NewGuid().ToString("N"));
        using var response = await http.PostAsync("auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
            ["scope"] = Scopes,
        }), ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return (body.GetProperty("access_token").GetString()!, DateTimeOffset.UtcNow.AddSeconds(body.GetProperty("expires_in").GetInt32()));
    }

    private sealed class TokenHandler(HarnessClient client, Uri registry) : DelegatingHandler
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private (string Token, DateTimeOffset Expires) current;

        public async Task RenewAsync(CancellationToken ct)
        {
            await gate.WaitAsync(ct);
            try
            {
                if (current.Token is null || current.Expires - DateTimeOffset.UtcNow < TimeSpan.FromMinutes(1))
                {
                    current = await client.TokenAsync(registry, ct);
                }
            }
            finally
            {
                gate.Release();
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (current.Expires - DateTimeOffset.UtcNow < TimeSpan.FromMinutes(1))
            {
                await RenewAsync(cancellationToken);
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", current.Token);
            return await base.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                gate.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
