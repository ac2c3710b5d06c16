using System.Net;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using FhirAdapters.Tests.Builders;

namespace ConsentApi.Tests.Consents;

public abstract class ConsentConcurrencyTests(ApiFactory api)
{
    private const int Writers = 8;
    private readonly TestFhirClient _fhir = api.CreateFhirClient();

    [Fact]
    public async Task Update_WhenManyClientsUseSameVersion_ThenExactlyOneWins()
    {
        var created = (await _fhir.CreateAsync(new ConsentBuilder().Build())).Resource;
        var json = FhirJson.Serialize(created);

        var responses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() =>
            api.CreateFhirHttpClient().SendJsonAsync(HttpMethod.Put, $"Consent/{created.Id}", json,
                headers: new Dictionary<string, string> { ["If-Match"] = "W/\"1\"" }))));
        var history = await _fhir.HistoryAsync("Consent", created.Id);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(Writers - 1, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        Assert.Equal(2, history.Entry!.Count);
    }

    [Fact]
    public async Task Update_WhenManyClientsWriteWithoutIfMatch_ThenEveryWriteIsAVersion()
    {
        var created = (await _fhir.CreateAsync(new ConsentBuilder().Build())).Resource;
        var json = FhirJson.Serialize(created);

        var responses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() =>
            api.CreateFhirHttpClient().SendJsonAsync(HttpMethod.Put, $"Consent/{created.Id}", json))));
        var history = await _fhir.HistoryAsync("Consent", created.Id);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(Enumerable.Range(1, Writers + 1).Reverse().Select(v => $"W/\"{v}\""), history.Entry!.Select(e => e.Response!.Etag));
    }

    [Fact]
    public async Task Create_WhenConcurrentConditionalCreates_ThenOneResource()
    {
        var identifier = Guid.NewGuid().ToString();
        var json = FhirJson.Serialize(new ConsentBuilder().WithIdentifier("https://supplier.example/id", identifier).Build());

        var responses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() =>
            api.CreateFhirHttpClient().SendJsonAsync(HttpMethod.Post, "Consent", json,
                headers: new Dictionary<string, string> { ["If-None-Exist"] = $"identifier=https://supplier.example/id|{identifier}" }))));
        var found = await _fhir.SearchAsync("Consent", [new("identifier", $"https://supplier.example/id|{identifier}")]);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(Writers - 1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Single(found.Consents());
    }

    [Fact]
    public async Task Create_WhenSamePersonAndPolicyConcurrently_ThenOneConsentAndTheRestDuplicates()
    {
        var nhs = TestNhsNumbers.Next();
        var json = FhirJson.Serialize(new ConsentBuilder(nhs).Build());

        var responses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() =>
            api.CreateFhirHttpClient().SendJsonAsync(HttpMethod.Post, "Consent", json))));
        var found = await _fhir.SearchAsync("Consent", [new("patient:identifier", nhs)]);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(Writers - 1, responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
        Assert.Single(found.Consents());
    }
}
