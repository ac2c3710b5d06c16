using System.Net;
using System.Text.Json.Nodes;
using ConsentApi.Persistence;
using ConsentApi.Policies;
using ConsentApi.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Policies;

/// <summary>The policy catalogue: published into the database once per version, and readable by anyone as JSON.</summary>
public sealed class PolicyCatalogueTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private readonly HttpClient _http = api.CreateClient();

    [Fact]
    public async Task GetCatalogue_WhenRequested_ThenEveryChoiceWithDefaultsPurposesAndExemptions()
    {
        var catalogue = JsonNode.Parse(await _http.GetStringAsync("/policies"))!;
        var policies = catalogue["policies"]!.AsArray().ToDictionary(p => (string)p!["id"]!, p => p!);

        Assert.Equal(["national-data-opt-out", "type-1", "type-2", "direct-care-sharing", "research-contact"], policies.Keys);
        Assert.Equal("deny", (string?)policies["research-contact"]["defaultDecision"]);
        Assert.Equal("permit", (string?)policies["direct-care-sharing"]["defaultDecision"]);
        Assert.Equal("827241000000103", (string?)policies["type-1"]["policyRuleCodes"]![0]!["code"]);
        Assert.Equal("retired", (string?)policies["type-2"]["status"]);
        Assert.Contains(policies["national-data-opt-out"]["exemptions"]!.AsArray(), e => (string?)e == "copi-regulation-3");
        Assert.All(policies.Values, p => Assert.False(string.IsNullOrWhiteSpace((string?)p["doesNotStop"])));
    }

    [Fact]
    public async Task GetPolicy_WhenUnknown_Then404ListingKnownOnes()
    {
        var response = await _http.GetAsync("/policies/care-data");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("national-data-opt-out", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_WhenRunAgain_ThenEachVersionIsPublishedOnce()
    {
        await api.Services.LoadPolicyCatalogueAsync(CancellationToken.None);
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();

        Assert.Equal(5, await db.PolicyVersions.CountAsync());
    }
}
