using System.Security.Cryptography;
using ConsentApi.Identity;
using Microsoft.IdentityModel.Tokens;

namespace ConsentApi.Demo;

/// <summary>
/// DEMO ONLY. Two client systems registered in Development with the public half of the key pair kept in the repository
/// (<c>demo/keys/</c>, whose private key is published and so proves nothing). They let a newcomer get a token with
/// <c>demo/get-token.sh</c>. Never registered outside Development.
/// </summary>
public static class DemoClients
{
    public const string GpSystem = "demo-gp-system";
    public const string Admin = "demo-registry-admin";
    public const string KeyId = "demo-key-1";

    public static async Task SeedAsync(ClientRegistry clients, CancellationToken ct)
    {
        var jwks = System.Text.Json.JsonDocument.Parse(PublicJwks()).RootElement;
        IReadOnlyList<ClientInput> demo =
        [
            new(GpSystem, "A81001", "Demo GP system (DEMO KEY, NOT SECRET)", jwks, null,
                [RegistryScopes.ConsentRead, RegistryScopes.ConsentWrite, RegistryScopes.AuditRead, RegistryScopes.Subscriptions, RegistryScopes.Decisions]),
            new(Admin, "X26", "Demo registry administration tool (DEMO KEY, NOT SECRET)", jwks, null,
                [RegistryScopes.Admin, RegistryScopes.Monitoring, RegistryScopes.AuditRead]),
        ];
        foreach (var client in demo)
        {
            if (clients.Find(client.ClientId!) is null)
            {
                await clients.AddAsync(client, "demo-seed", ct);
            }
        }
    }

    private static string PublicJwks()
    {
        using var stream = typeof(DemoClients).Assembly.GetManifestResourceStream("ConsentApi.Demo.demo-client.public.pem")
            ?? throw new InvalidOperationException("The demo client's public key is not embedded.");
        using var reader = new StreamReader(stream);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(reader.ReadToEnd());
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));
        return $$"""{"keys":[{"kty":"RSA","kid":"{{KeyId}}","use":"sig","alg":"RS384","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""";
    }
}
