using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsentApi.Tests.Identity;

/// <summary>Discovery documents, the published keys, and rotation that never breaks a token in flight.</summary>
public sealed class SigningKeyTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private readonly HttpClient _anonymous = api.CreateAnonymousClient();

    [Theory]
    [InlineData("/.well-known/smart-configuration")]
    [InlineData("/.well-known/openid-configuration")]
    public async Task Discovery_WhenRead_ThenNamesTokenEndpointKeysScopesAndAlgorithms(string path)
    {
        using var document = JsonDocument.Parse(await _anonymous.GetStringAsync(path));
        var root = document.RootElement;

        Assert.Equal(api.Issuer, root.GetProperty("issuer").GetString());
        Assert.Equal(_anonymous.TokenEndpoint(), root.GetProperty("token_endpoint").GetString());
        Assert.EndsWith("/.well-known/jwks.json", root.GetProperty("jwks_uri").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/auth/authorize", root.GetProperty("authorization_endpoint").GetString(), StringComparison.Ordinal);
        Assert.Equal(["S256"], root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(a => a.GetString()));
        var algorithms = root.GetProperty("token_endpoint_auth_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("RS384", algorithms);
        Assert.Contains("ES384", algorithms);
        Assert.DoesNotContain("none", algorithms);
        var scopes = root.GetProperty("scopes_supported").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("system/Consent.rs", scopes);
        Assert.Contains("registry.decisions", scopes);
    }

    [Fact]
    public async Task Store_WhenAKeyIsKept_ThenTheDatabaseHoldsItEncryptedAndTheKeyRingIsElsewhereAndPrivate()
    {
        using var admin = api.CreateClient();
        using var rotated = await admin.PostAsync("/admin/signing-keys/rotate", null);
        var kid = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kid").GetString();

        string stored;
        await using (var scope = api.Services.CreateAsyncScope())
        {
            stored = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().SigningKeys
                .Where(k => k.Kid == kid).Select(k => k.PrivateKey).SingleAsync();
        }
        var ring = Path.Combine(api.DataDirectory, "key-ring");

        Assert.StartsWith(SigningKeyStore.ProtectedPrefix, stored, StringComparison.Ordinal);
        var payload = Convert.FromBase64String(stored[SigningKeyStore.ProtectedPrefix.Length..]);
        using (var rsa = RSA.Create())
        {
            Assert.ThrowsAny<CryptographicException>(() => rsa.ImportPkcs8PrivateKey(payload, out _));
        }
        Assert.NotEmpty(Directory.GetFiles(ring, "key-*.xml"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(ring));
        }
    }

    [Fact]
    public async Task Rotate_WhenKeyIsRotated_ThenOldTokensStillWorkAndNewTokensUseTheNewKey()
    {
        var before = await api.TokenAsync(ApiFactory.TestClientId, api.TestClientKey, "system/Consent.rs");
        var oldKid = (string?)CraftedJwt.Header(before)["kid"];
        using var admin = api.CreateClient();

        using var rotated = await admin.PostAsync("/admin/signing-keys/rotate", null);
        var newKid = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kid").GetString();
        var after = await api.TokenAsync(ApiFactory.TestClientId, api.TestClientKey, "system/Consent.rs");
        var published = JsonDocument.Parse(await _anonymous.GetStringAsync("/.well-known/jwks.json")).RootElement
            .GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(oldKid, newKid);
        Assert.Equal(newKid, (string?)CraftedJwt.Header(after)["kid"]);
        Assert.Contains(oldKid, published);
        Assert.Contains(newKid, published);
        using var withOld = api.CreateClientWithToken(before);
        Assert.Equal(HttpStatusCode.OK, (await withOld.GetAsync("/fhir/Consent?_count=1")).StatusCode);
    }

    [Fact]
    public async Task Load_WhenAnotherInstanceStartsOnTheSameDatabase_ThenItSignsWithTheStoredKey()
    {
        var running = api.Services.GetRequiredService<SigningKeyStore>();
        var restarted = new SigningKeyStore(api.Services.GetRequiredService<IServiceScopeFactory>(),
            api.Services.GetRequiredService<IOptions<AuthOptions>>(), TimeProvider.System,
            api.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>());

        await restarted.LoadAsync(default);

        Assert.Equal(running.Current.Key.KeyId, restarted.Current.Key.KeyId);
    }
}
