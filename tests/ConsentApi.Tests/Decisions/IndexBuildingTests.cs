using System.Net;
using ConsentApi.Decisions;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using FhirAdapters.Primitives;
using FhirAdapters.Tests.Builders;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Decisions;

/// <summary>
/// After a start the decision index builds beside serving: reads, searches and writes are answered at once, decisions
/// are refused (503, Retry-After) until the index is exact, and writes made meanwhile (before the build read the
/// database, and after) are in it when it is ready.
/// </summary>
public sealed class IndexBuildingTests(HeldIndexApiFactory api) : IClassFixture<HeldIndexApiFactory>
{
    private readonly TestFhirClient _fhir = api.CreateFhirClient();
    private readonly HttpClient _http = api.CreateFhirHttpClient();

    [Fact]
    public async Task Start_WhenIndexStillBuilding_ThenServesReadsAndWritesRefusesDecisionsAndDecidesExactlyOnceReady()
    {
        var objection = Objection();
        var created = (await _fhir.CreateAsync(objection.Build())).Resource;
        var read = await _http.GetAsync($"Consent/{created.Id}");
        var search = await _fhir.SearchAsync("Consent", [new("patient:identifier", $"{NhsNumber.System}|{objection.NhsNumber}")]);
        var evaluate = await _http.GetAsync($"Consent/$evaluate?patient={objection.NhsNumber}&purpose=HRESCH&actor=X25");
        var bulk = await _http.PostAsync("$check-opt-outs?purpose=HRESCH&disclosure=ANY", new StringContent(objection.NhsNumber + "\n"));
        var health = await api.CreateAnonymousClient().GetStringAsync("/health");
        var ready = await api.CreateAnonymousClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal([created.Id], search.Consents().Select(c => c.Id));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, evaluate.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), evaluate.Headers.RetryAfter?.Delta);
        var outcome = FhirJson.Parse<OperationOutcome>(await evaluate.Content.ReadAsStringAsync());
        Assert.Equal(OperationOutcome.IssueType.Transient, outcome.Issue[0].Code);
        Assert.Contains("still loading", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, bulk.StatusCode);
        Assert.Contains("Degraded", health, StringComparison.Ordinal);
        Assert.Contains("Decision index still being built", health, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);

        api.Start.Set();
        Assert.True(api.Loaded.Wait(TimeSpan.FromMinutes(1)), "The build did not load what it read.");
        var late = Objection();
        await _fhir.CreateAsync(late.Build());
        var stillRefused = await _http.GetAsync($"Consent/$evaluate?patient={late.NhsNumber}&purpose=HRESCH&actor=X25");
        api.CatchUp.Set();
        await api.Services.GetRequiredService<DecisionIndex>().Ready.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, stillRefused.StatusCode);
        Assert.Equal("deny", await DecisionAsync(objection.NhsNumber));
        Assert.Equal("deny", await DecisionAsync(late.NhsNumber));
        Assert.Equal("permit", await DecisionAsync(TestNhsNumbers.Next()));
        Assert.DoesNotContain("Decision index still being built", await api.CreateAnonymousClient().GetStringAsync("/health"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateAnonymousClient().GetAsync("/health/ready")).StatusCode);
    }

    private static ConsentBuilder Objection() =>
        new ConsentBuilder().WithPolicy("national-data-opt-out").With(c => c.Provision!.Purpose = [new Coding(PurposesOfUse.V3System, "HRESCH")]);

    private async Task<string?> DecisionAsync(string nhs) =>
        FhirJson.Parse<Parameters>(await _http.GetStringAsync($"Consent/$evaluate?patient={nhs}&purpose=HRESCH&actor=X25"))
            .Parameter.Single(p => p.Name == "decision").Value!.ToString();
}
