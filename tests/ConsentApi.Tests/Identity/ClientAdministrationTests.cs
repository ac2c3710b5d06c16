using ConsentApi.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsentApi.Identity;
using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Identity;

/// <summary>Registering, listing and disabling client systems, over the admin endpoint and from the command line.</summary>
public sealed class ClientAdministrationTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Theory]
    [InlineData("""{"odsCode":"A81001","name":"x","jwksUrl":"https://keys.example/jwks","scopes":["system/Consent.rs"]}""", "clientId")]
    [InlineData("""{"clientId":"gp-one","odsCode":"not ods","name":"x","jwksUrl":"https://keys.example/jwks","scopes":["system/Consent.rs"]}""", "odsCode")]
    [InlineData("""{"clientId":"gp-one","odsCode":"A81001","name":"x","scopes":["system/Consent.rs"]}""", "jwks")]
    [InlineData("""{"clientId":"gp-one","odsCode":"A81001","name":"x","jwksUrl":"http://keys.example/jwks","scopes":["system/Consent.rs"]}""", "jwksUrl")]
    [InlineData("""{"clientId":"gp-one","odsCode":"A81001","name":"x","jwks":{"keys":[{"kty":"oct","k":"c2VjcmV0"}]},"scopes":["system/Consent.rs"]}""", "jwks")]
    [InlineData("""{"clientId":"gp-one","odsCode":"A81001","name":"x","jwksUrl":"https://keys.example/jwks","scopes":["patient/Consent.rs"]}""", "scopes")]
    [InlineData("""{"clientId":"gp-one","odsCode":"A81001","name":"x","jwksUrl":"https://keys.example/jwks","scopes":[]}""", "scopes")]
    public async Task Register_WhenAFieldIsWrong_Then400NamingIt(string body, string element)
    {
        using var response = await _admin.SendJsonAsync(HttpMethod.Post, "/admin/clients", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(element, outcome.GetProperty("issue")[0].GetProperty("expression")[0].GetString());
    }

    [Fact]
    public async Task Register_WhenJwksHoldsAPrivateKey_Then400TellingToReplaceIt()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var p = rsa.ExportParameters(true);
        var jwks = $$"""{"keys":[{"kty":"RSA","kid":"leak","n":"{{B64(p.Modulus!)}}","e":"{{B64(p.Exponent!)}}","d":"{{B64(p.D!)}}"}]}""";

        using var response = await _admin.SendJsonAsync(HttpMethod.Post, "/admin/clients",
            $$"""{"clientId":"gp-leaky","odsCode":"A81001","name":"x","jwks":{{jwks}},"scopes":["system/Consent.rs"]}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("private part", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WhenIdIsTaken_Then409AndTheFirstRegistrationStands()
    {
        using var key = TestClientKey.Rsa();
        var body = new { clientId = "gp-twice", odsCode = "A81001", name = "First", jwks = key.PublicJwks(), scopes = new[] { "system/Consent.rs" } };

        using var first = await _admin.PostAsJsonAsync("/admin/clients", body);
        using var second = await _admin.PostAsJsonAsync("/admin/clients", body with { });
        var listed = await _admin.GetFromJsonAsync<List<ClientView>>("/admin/clients");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var client = Assert.Single(listed!, c => c.ClientId == "gp-twice");
        Assert.Equal(1, client.Version);
        Assert.True(client.Enabled);
    }

    [Fact]
    public async Task Disable_WhenClientIsDisabledAndEnabled_ThenEachChangeIsANewVersion()
    {
        using var key = TestClientKey.Rsa();
        await _admin.PostAsJsonAsync("/admin/clients", new { clientId = "gp-toggle", odsCode = "A81001", name = "x", jwks = key.PublicJwks(), scopes = new[] { "system/Consent.rs" } });

        var disabled = await (await _admin.PostAsync("/admin/clients/gp-toggle/disable", null)).Content.ReadFromJsonAsync<ClientView>();
        var enabled = await (await _admin.PostAsync("/admin/clients/gp-toggle/enable", null)).Content.ReadFromJsonAsync<ClientView>();
        using var unknown = await _admin.PostAsync("/admin/clients/nobody-here/disable", null);

        Assert.Equal((2, false), (disabled!.Version, disabled.Enabled));
        Assert.Equal((3, true), (enabled!.Version, enabled.Enabled));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(3, await api.CountAsync("SELECT count(*) FROM api_client_versions WHERE client_id = 'gp-toggle'"));
    }

    [Fact]
    public async Task Command_WhenClientsAddIsRun_ThenTheClientCanGetAToken()
    {
        using var key = TestClientKey.Rsa();
        var jwksFile = Path.Combine(Path.GetTempPath(), $"jwks-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(jwksFile, key.PublicJwks().GetRawText());
        try
        {
            var code = await RegistryCommandLine.InvokeAsync(CommandContext.Ready(api.Services),
                ["clients", "add", "--id", "gp-from-cli", "--ods", "B82005", "--name", "CLI system", "--jwks", jwksFile, "--scopes", "system/Consent.rs registry.decisions"]);
            var refused = await RegistryCommandLine.InvokeAsync(CommandContext.Ready(api.Services), ["clients", "add", "--id", "gp-bad-cli", "--ods", "B82005", "--name", "x", "--jwks", jwksFile, "--scopes", "root"]);

            Assert.Equal(0, code);
            Assert.Equal(1, refused);
            var token = await api.TokenAsync("gp-from-cli", key, "registry.decisions");
            Assert.Equal("B82005", (string?)CraftedJwt.Payload(token)["ods"]);
        }
        finally
        {
            File.Delete(jwksFile);
        }
    }

    [Fact]
    public async Task Register_WhenDoneByAnAdministrator_ThenTheChangeIsAudited()
    {
        using var key = TestClientKey.Rsa();
        await _admin.PostAsJsonAsync("/admin/clients", new { clientId = "gp-audited", odsCode = "A81001", name = "x", jwks = key.PublicJwks(), scopes = new[] { "system/Consent.rs" } });

        Assert.Equal(1, await api.CountAsync("SELECT count(*) FROM audit_events WHERE kind = 'administration' AND detail LIKE '%gp-audited%' AND agent_id = 'test-suite'"));
    }

    [Theory]
    [InlineData("system/Consent.rs system/Consent.cud")]
    [InlineData("registry.admin")]
    public async Task Register_WhenTheClientCouldChangeChoicesOrAdminister_ThenItWaitsForASecondAdministrator(string scopes)
    {
        using var key = TestClientKey.Rsa();
        var id = "gp-writer-" + Guid.NewGuid().ToString("N")[..8];
        using var registered = await _admin.PostAsJsonAsync("/admin/clients", new { clientId = id, odsCode = "A81001", name = "x", jwks = key.PublicJwks(), scopes = scopes.Split(' ') });
        using var anonymous = api.CreateAnonymousClient();
        using var beforeApproval = await anonymous.RequestTokenAsync(key.Assertion(id, anonymous.TokenEndpoint()), scopes);
        using var selfApproval = await _admin.PostAsync($"/admin/clients/{id}/enable", null);
        using var secondKey = TestClientKey.Rsa();
        var second = "second-admin-" + Guid.NewGuid().ToString("N")[..8];
        await api.Services.GetRequiredService<ClientRegistry>().AddAsync(
            new ClientInput(second, "X99", "Second administrator", secondKey.PublicJwks(), null, [RegistryScopes.Admin]), "tests", default);
        using var secondAdmin = api.CreateClientWithToken(await api.TokenAsync(second, secondKey, RegistryScopes.Admin));
        using var approved = await secondAdmin.PostAsync($"/admin/clients/{id}/enable", null);

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.False((await registered.Content.ReadFromJsonAsync<ClientView>())!.Enabled);
        Assert.Equal(HttpStatusCode.BadRequest, beforeApproval.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        Assert.Contains("another administrator", await selfApproval.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.NotEmpty(await api.TokenAsync(id, key, scopes));
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM audit_events WHERE kind = 'administration' AND detail LIKE '%enabled (approved) client {id}%' AND agent_id = '{second}'"));
    }

    private static string B64(byte[] bytes) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(bytes);
}
