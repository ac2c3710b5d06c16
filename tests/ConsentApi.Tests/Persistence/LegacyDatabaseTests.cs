using System.Net;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Persistence;

/// <summary>Versions stored before the move to the Firely SDK read back unchanged, and can still be changed.</summary>
public class LegacyDatabaseTests(LegacyDatabaseApiFactory api) : IClassFixture<LegacyDatabaseApiFactory>
{
    private readonly HttpClient _http = api.CreateFhirHttpClient();

    [Fact]
    public async Task Vread_WhenEveryVersionOfTheOldDatabaseIsRead_ThenEachIsServedExactlyAsStoredAndTheSdkWritesItBackTheSame()
    {
        var stored = await StoredAsync();

        Assert.True(stored.Count >= 180, $"the fixture holds {stored.Count} versions");
        foreach (var (id, version, json) in stored)
        {
            using var response = await _http.GetAsync($"Consent/{id}/_history/{version}");
            var served = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(json, served);
            Assert.Equal(json, FhirJson.Serialize(FhirJson.Parse<Consent>(json)));
        }
    }

    [Fact]
    public async Task Update_WhenAnOldConsentIsWithdrawn_ThenANewVersionIsAddedAndTheOldOneIsUntouched()
    {
        var (id, version, json) = (await StoredAsync()).Last(v => v.Json.Contains("\"status\":\"active\"", StringComparison.Ordinal));
        var consent = FhirJson.Parse<Consent>(json);
        consent.Status = Consent.ConsentState.Inactive;

        using var put = await _http.SendJsonAsync(HttpMethod.Put, $"Consent/{id}", FhirJson.Serialize(consent),
            headers: new Dictionary<string, string> { ["If-Match"] = $"W/\"{version}\"" });
        var before = await _http.GetStringAsync($"Consent/{id}/_history/{version}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(json, before);
        Assert.Equal((version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            FhirJson.Parse<Consent>(await _http.GetStringAsync($"Consent/{id}")).Meta!.VersionId);
    }

    private async Task<List<(string Id, int Version, string Json)>> StoredAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var rows = await db.ConsentVersions.AsNoTracking().Where(v => !v.IsDeleted && v.ResourceJson != null)
            .OrderBy(v => v.Seq).Select(v => new { v.ResourceId, v.VersionId, v.ResourceJson }).ToListAsync();
        return [.. rows.Select(r => (r.ResourceId, r.VersionId, r.ResourceJson!))];
    }
}
