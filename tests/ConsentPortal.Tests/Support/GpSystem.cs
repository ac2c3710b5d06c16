using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ConsentApi.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConsentPortal.Tests.Support;

/// <summary>
/// A GP practice's clinical system as the registry meets it: registered with its own key, it signs a client assertion,
/// gets a token at the token endpoint and calls the FHIR API over HTTP, like any supplier's system.
/// </summary>
public static class GpSystem
{
    public static async Task<HttpClient> ConnectAsync(PortalStack stack, string clientId, string ods, string name)
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa.ExportParameters(true)) { KeyId = clientId + "-key" };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));
        var jwks = JsonDocument.Parse(JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = key.KeyId, n = jwk.N, e = jwk.E } } })).RootElement;
        string[] scopes = [RegistryScopes.ConsentRead, RegistryScopes.ConsentWrite, RegistryScopes.Decisions];
        await stack.RegistryServices.GetRequiredService<ClientRegistry>().AddAsync(new ClientInput(clientId, ods, name, jwks, null, scopes), "test", default);

        var http = new HttpClient { BaseAddress = stack.RegistryAddress };
        var tokenUrl = new Uri(stack.RegistryAddress, TokenEndpoints.Path).ToString();
        var assertion = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["iss"] = clientId, ["sub"] = clientId, ["aud"] = tokenUrl, ["jti"] = Guid.NewGuid().ToString("N") },
            Expires = DateTime.UtcNow.AddMinutes(4),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha384),
        });
        using var response = await http.PostAsync(TokenEndpoints.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = TokenEndpoints.AssertionType,
            ["client_assertion"] = assertion,
            ["scope"] = string.Join(' ', scopes),
        }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
