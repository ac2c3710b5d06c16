using System.Net;
using ConsentApi.Decisions;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Tests.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Decisions;

/// <summary>$evaluate over real HTTP: the rules end to end, writes visible to the next decision, and bad input.</summary>
public abstract class EvaluateTests(ApiFactory api)
{
    private readonly TestFhirClient _fhir = api.CreateFhirClient();
    private readonly HttpClient _http = api.CreateFhirHttpClient();

    [Fact]
    public async Task Evaluate_WhenPatientHasNoChoice_ThenPermitFromPolicyDefault()
    {
        var result = await EvaluateAsync(TestNhsNumbers.Next(), "HRESCH");

        Assert.Equal("permit", Value(result, "decision"));
        Assert.Equal("Default of policy national-data-opt-out: permit", ((ResourceReference)Param(result, "basis").Value!).Display);
    }

    [Fact]
    public async Task Evaluate_WhenObjectionRecorded_ThenNextDecisionDeniesNamingTheVersion()
    {
        var consent = Objection();
        var created = await _fhir.CreateAsync(consent.Build());

        var result = await EvaluateAsync(consent.NhsNumber, "HRESCH");

        Assert.Equal("deny", Value(result, "decision"));
        Assert.Equal($"Consent/{created.Resource.Id}/_history/1", ((ResourceReference)Param(result, "basis").Value!).Reference);
        Assert.EndsWith("national-data-opt-out", Value(result, "policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_WhenAnswered_ThenOfficialSchemaAcceptsTheParameters()
    {
        var consent = Objection("type-1").With(c => c.Provision!.Purpose = null);
        await _fhir.CreateAsync(consent.Build());

        var json = await _http.GetStringAsync($"Consent/$evaluate?patient={consent.NhsNumber}&purpose=PUBHLTH&actor=X25&legalBasis=copi-regulation-3");

        Assert.Empty(FhirAdapters.Tests.Schema.FhirSchemaOracle.Instance.Validate(json));
        Assert.Contains("\"exemption\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_WhenAnswered_ThenSentWholeWithItsContentLength()
    {
        var consent = Objection();
        await _fhir.CreateAsync(consent.Build());

        using var response = await _http.GetAsync($"Consent/$evaluate?patient={consent.NhsNumber}&purpose=HRESCH&actor=X25");
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal("deny", Value(FhirJson.Parse<Parameters>(body), "decision"));
    }

    [Fact]
    public async Task Evaluate_WhenObjectionWithdrawnOrDeleted_ThenNextDecisionPermits()
    {
        var withdrawn = Objection();
        var deleted = Objection();
        var first = await _fhir.CreateAsync(withdrawn.Build());
        var second = await _fhir.CreateAsync(deleted.Build());
        first.Resource.Status = Consent.ConsentState.Inactive;
        await _fhir.UpdateAsync(first.Resource);
        await _fhir.DeleteAsync("Consent", second.Resource.Id!);

        Assert.Equal("permit", Value(await EvaluateAsync(withdrawn.NhsNumber, "HRESCH"), "decision"));
        Assert.Equal("permit", Value(await EvaluateAsync(deleted.NhsNumber, "HRESCH"), "decision"));
    }

    [Fact]
    public async Task Evaluate_WhenDateOutsideObjectionPeriod_ThenPermit()
    {
        var consent = Objection().WithPeriod("2026-01-01", "2026-06-30");
        await _fhir.CreateAsync(consent.Build());

        Assert.Equal("deny", Value(await EvaluateAsync(consent.NhsNumber, "HRESCH", "&date=2026-03-01"), "decision"));
        Assert.Equal("permit", Value(await EvaluateAsync(consent.NhsNumber, "HRESCH", "&date=2026-07-01"), "decision"));
    }

    [Fact]
    public async Task Evaluate_WhenLegalBasisIsExemption_ThenPermitAndObjectionConsideredRecorded()
    {
        var consent = Objection("type-1").With(c => c.Provision!.Purpose = null);
        await _fhir.CreateAsync(consent.Build());

        var result = await EvaluateAsync(consent.NhsNumber, "PUBHLTH", "&legalBasis=copi-regulation-3");
        var considered = await _http.GetStringAsync($"/objections-considered?nhsNumber={consent.NhsNumber}");

        Assert.Equal("permit", Value(result, "decision"));
        Assert.Equal("copi-regulation-3", ((Coding)Param(result, "exemption").Value!).Code);
        Assert.Contains("\"outcome\":\"overridden\"", considered, StringComparison.Ordinal);
        Assert.Contains("\"legalBasis\":\"copi-regulation-3\"", considered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_WhenPostedAsParameters_ThenSameDecisionAsGet()
    {
        var consent = Objection();
        await _fhir.CreateAsync(consent.Build());
        var body = new Parameters
        {
            Parameter =
            [
                new() { Name = "patient", Value = new Identifier(FhirAdapters.Primitives.NhsNumber.System, consent.NhsNumber) },
                new() { Name = "purpose", Value = new Coding(PurposesOfUse.V3System, "HRESCH") },
                new() { Name = "actor", Value = new Identifier(FhirAdapters.Primitives.OdsCode.System, "RR8") },
            ],
        };

        var response = await _http.SendJsonAsync(HttpMethod.Post, "Consent/$evaluate", FhirJson.Serialize(body));
        var result = FhirJson.Parse<Parameters>(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("deny", Value(result, "decision"));
    }

    [Fact]
    public async Task Evaluate_WhenAnotherNodeWritesAChoice_ThenCatchUpMakesItCount()
    {
        var consent = Objection().Build();
        var nhs = consent.Patient!.Identifier!.Value!;
        await using (var scope = api.Services.CreateAsyncScope())
        {
            // Written straight to the database, as another node would: this node learns of it only by following.
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            db.ConsentVersions.Add(ConsentApi.Consents.ConsentVersion.From(consent, Guid.NewGuid().ToString(), 1, "POST", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await api.Services.GetRequiredService<DecisionIndexSync>().CatchUpAsync(CancellationToken.None);

        Assert.Equal("deny", Value(await EvaluateAsync(nhs, "HRESCH"), "decision"));
    }

    [Fact]
    public async Task Rebuild_WhenChoicesWereWithdrawnDeletedAndMoved_ThenIndexMatchesTheCurrentState()
    {
        var kept = Objection();
        var withdrawn = Objection();
        var deleted = Objection();
        var movedFrom = Objection();
        var movedTo = TestNhsNumbers.Next();
        await _fhir.CreateAsync(kept.Build());
        var w = (await _fhir.CreateAsync(withdrawn.Build())).Resource;
        var d = (await _fhir.CreateAsync(deleted.Build())).Resource;
        var m = (await _fhir.CreateAsync(movedFrom.Build())).Resource;
        w.Status = Consent.ConsentState.Inactive;
        await _fhir.UpdateAsync(w);
        await _fhir.DeleteAsync("Consent", d.Id!);
        m.Patient = FhirAdapters.Primitives.FhirReferences.ToIdentifier("Patient", FhirAdapters.Primitives.NhsNumber.System, movedTo);
        await _fhir.UpdateAsync(m);

        await api.Services.GetRequiredService<DecisionIndexSync>().RebuildAsync(CancellationToken.None);

        Assert.Equal("deny", Value(await EvaluateAsync(kept.NhsNumber, "HRESCH"), "decision"));
        Assert.Equal("permit", Value(await EvaluateAsync(withdrawn.NhsNumber, "HRESCH"), "decision"));
        Assert.Equal("permit", Value(await EvaluateAsync(deleted.NhsNumber, "HRESCH"), "decision"));
        Assert.Equal("permit", Value(await EvaluateAsync(movedFrom.NhsNumber, "HRESCH"), "decision"));
        Assert.Equal("deny", Value(await EvaluateAsync(movedTo, "HRESCH"), "decision"));
    }

    [Theory]
    [InlineData("purpose=HRESCH&actor=RR8", "patient", "required")]
    [InlineData("patient=9434765918&purpose=HRESCH&actor=RR8", "patient", "check digit")]
    [InlineData("patient=9434765919&purpose=HRESH&actor=RR8", "purpose", "not a purpose of use")]
    [InlineData("patient=9434765919&purpose=HRESCH", "actor", "required")]
    [InlineData("patient=9434765919&purpose=HRESCH&actor=rr8!", "actor", "ODS")]
    [InlineData("patient=9434765919&purpose=HRESCH&actor=RR8&legalBasis=because", "legalBasis", "court-order")]
    [InlineData("patient=9434765919&purpose=HRESCH&actor=RR8&date=yesterday", "date", "2026-11-22")]
    [InlineData("patient=9434765919&purpose=HRESCH&actor=RR8&colour=blue", "colour", "parameters are")]
    public async Task Evaluate_WhenParameterWrong_Then400NamingIt(string query, string parameter, string hint)
    {
        var response = await _http.GetAsync("Consent/$evaluate?" + query);
        var outcome = await response.OutcomeAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, outcome.Issue![0].Expression.First());
        Assert.Contains(hint, outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    private static ConsentBuilder Objection(string policy = "national-data-opt-out") =>
        new ConsentBuilder().WithPolicy(policy).With(c => c.Provision!.Purpose = [new Coding(PurposesOfUse.V3System, "HRESCH"), new Coding(PurposesOfUse.V3System, "HOPERAT")]);

    private async Task<Parameters> EvaluateAsync(string nhs, string purpose, string extra = "")
    {
        var response = await _http.GetAsync($"Consent/$evaluate?patient={nhs}&purpose={purpose}&actor=RR8{extra}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return FhirJson.Parse<Parameters>(body);
    }

    private static Parameters.ParameterComponent Param(Parameters p, string name) => p.Parameter!.Single(x => x.Name == name);

    private static string? Value(Parameters p, string name) => Param(p, name).Value!.ToString();
}
