using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsentApi.Identity;
using ConsentApi.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConsentApi.Tests.Identity;

/// <summary>
/// The registry's identity comes from configuration, never from the Host header a caller sends (security review
/// S6, S14): the audience it accepts in client assertions, the links it writes, its discovery document. In Production
/// it does not start without them.
/// </summary>
public sealed class ServiceIdentityTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private const string Attacker = "registry.attacker.example";

    [Fact]
    public async Task Token_WhenAnAssertionIsSignedForAnotherServerAndHostIsSetToMatch_ThenItIsRefused()
    {
        using var key = TestClientKey.Rsa();
        using var admin = api.CreateClient();
        var client = await admin.RegisterClientAsync(key, RegistryScopes.ConsentRead, "A81001");
        using var anonymous = api.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoints.Path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_assertion_type"] = TokenEndpoints.AssertionType,
                ["client_assertion"] = key.Assertion(client, $"http://{Attacker}{TokenEndpoints.Path}"),
                ["scope"] = RegistryScopes.ConsentRead,
            }),
        };
        request.Headers.Host = Attacker;

        using var response = await anonymous.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<TokenErrorResponse>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_client", body!.Error);
        Assert.Contains(api.Issuer + TokenEndpoints.Path, body.ErrorDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/fhir/Consent?_count=1")]
    [InlineData("/.well-known/smart-configuration")]
    [InlineData("/.well-known/openid-configuration")]
    public async Task Links_WhenTheHostHeaderNamesAnotherServer_ThenEveryAddressIsTheConfiguredOne(string path)
    {
        using var http = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = Attacker;

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Attacker, body, StringComparison.Ordinal);
        Assert.Contains(api.Issuer, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "registry.example", "Auth:Issuer is not set")]
    [InlineData("https://registry.example", null, "AllowedHosts is '*'")]
    [InlineData("https://registry.example", "other.example", "AllowedHosts does not list registry.example")]
    public void Start_WhenProductionLacksItsConfiguredIdentity_ThenTheRegistryRefusesToStart(string? issuer, string? allowedHosts, string problem)
    {
        var data = Path.Combine(Path.GetTempPath(), "consent-registry-tests", Guid.NewGuid().ToString("N"));
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Persistence:DataDirectory", data);
            builder.UseSetting("AllowedHosts", allowedHosts ?? "*");
            if (issuer is not null)
            {
                builder.UseSetting("Auth:Issuer", issuer);
            }
        });

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(problem, Flatten(refused), StringComparison.Ordinal);
        var created = Directory.Exists(data) && Directory.EnumerateFiles(data, "*.db").Any();
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        Assert.False(created, "no database is created before the check");
    }

    private static string Flatten(Exception ex) => ex is AggregateException aggregate
        ? string.Join(" ", aggregate.Flatten().InnerExceptions.Select(e => e.Message))
        : ex.Message + (ex.InnerException is null ? "" : " " + Flatten(ex.InnerException));

    [Fact]
    public async Task Discovery_WhenRead_ThenTheIssuerIsTheConfiguredOne()
    {
        using var http = api.CreateAnonymousClient();

        var document = await http.GetFromJsonAsync<JsonElement>("/.well-known/smart-configuration");

        Assert.Equal(api.Issuer, document.GetProperty("issuer").GetString());
        Assert.Equal(api.Issuer + TokenEndpoints.Path, document.GetProperty("token_endpoint").GetString());
    }
}
