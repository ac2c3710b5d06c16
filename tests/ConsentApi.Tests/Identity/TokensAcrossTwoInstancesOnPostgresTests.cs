using System.Net;
using System.Net.Http.Json;
using ConsentApi.Identity;
using ConsentApi.Tests.Support;
using CrashHarness;

namespace ConsentApi.Tests.Identity;

/// <summary>
/// Two registry processes behind one public address, on one PostgreSQL database: what one node has accepted, the other
/// refuses. A client assertion is good for one token anywhere (its jti is stored in the shared database, not in a
/// node's memory), and the token either node issued is accepted by the other and visible to its introspection.
/// </summary>
[Collection(RegistryProcesses.Name)]
public sealed class TokensAcrossTwoInstancesOnPostgresTests : IDisposable
{
    private readonly string _database = TestPostgres.CreateDatabase();
    private readonly string _folder = Directory.CreateTempSubdirectory("consent-registry-tokens-").FullName;
    private readonly List<RegistryProcess> _instances = [];
    private readonly List<IDisposable> _disposables = [];

    [Fact]
    public async Task IssueToken_WhenAnAssertionAcceptedByOneNodeIsReplayedAtTheOther_ThenRefusedAsUsed()
    {
        var (a, b, harness) = await StartTwoAsync();
        var assertion = harness.Assertion(new Uri(a.Address, "auth/token").ToString(), Guid.NewGuid().ToString("N"));

        using var first = await RequestAsync(a, assertion);
        using var replayed = await RequestAsync(b, assertion);
        var refusal = (await replayed.Content.ReadFromJsonAsync<TokenErrorResponse>())!;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal("invalid_client", refusal.Error);
        Assert.Contains("used before", refusal.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Introspect_WhenOneNodeIssuedTheToken_ThenTheOtherSaysItIsActiveAndWhoseItIs()
    {
        var (a, b, harness) = await StartTwoAsync();
        using var issued = await RequestAsync(a, harness.Assertion(new Uri(a.Address, "auth/token").ToString(), Guid.NewGuid().ToString("N")));
        var token = (await issued.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;

        using var http = new HttpClient { BaseAddress = b.Address };
        using var introspected = await http.PostAsync("auth/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["client_assertion_type"] = TokenEndpoints.AssertionType,
            ["client_assertion"] = harness.Assertion(new Uri(a.Address, "auth/token").ToString(), Guid.NewGuid().ToString("N")),
        }));
        var answer = await introspected.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        Assert.Equal(HttpStatusCode.OK, introspected.StatusCode);
        Assert.True(answer.TryGetProperty("active", out var active) && active.GetBoolean(), answer.ToString());
        Assert.Equal(HarnessClient.ClientId, answer.GetProperty("client_id").GetString());
        Assert.True(answer.TryGetProperty("exp", out _), answer.ToString());
    }

    /// <summary>Node b answers under node a's address, as two nodes behind one load balancer share one public address.</summary>
    private async Task<(RegistryProcess A, RegistryProcess B, HarnessClient Harness)> StartTwoAsync()
    {
        var a = Instance("node-a");
        var b = Instance("node-b").With("Auth__Issuer", a.Address.ToString().TrimEnd('/'));
        var harness = new HarnessClient();
        _disposables.Add(harness);
        await CrashRun.RegisterAsync(a, harness, _folder, default);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        return (a, b, harness);
    }

    private static async Task<HttpResponseMessage> RequestAsync(RegistryProcess node, string assertion)
    {
        using var http = new HttpClient { BaseAddress = node.Address };
        return await http.PostAsync("auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = TokenEndpoints.AssertionType,
            ["client_assertion"] = assertion,
            ["scope"] = "system/Consent.rs",
        }));
    }

    private RegistryProcess Instance(string node)
    {
        var instance = new RegistryProcess(CrashRun.FindApp(), "Postgres", Path.Combine(_folder, node), _database)
            .With("Auth__KeyRingDirectory", Path.Combine(_folder, "key-ring")); // one key ring for the deployment, as in production
        _instances.Add(instance);
        return instance;
    }

    public void Dispose()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }

        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        TestPostgres.DropDatabase(_database);
        Directory.Delete(_folder, recursive: true);
    }
}
