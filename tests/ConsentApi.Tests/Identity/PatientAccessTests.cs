using System.Net;
using System.Net.Http.Json;
using ConsentApi.Audit;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;
using FhirAdapters.Tests.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Identity;

/// <summary>
/// Patients signed in with the external identity provider see and change only their own choices: someone else's
/// Consent is 404, a search returns only theirs, a choice recorded for somebody else is refused, and nothing meant
/// for client systems (decisions, administration, all-Consent history) is open to them.
/// </summary>
public sealed class PatientAccessTests(PatientIssuerApiFactory api) : IClassFixture<PatientIssuerApiFactory>
{
    private readonly HttpClient _system = api.CreateClient();

    [Fact]
    public async Task Read_WhenPatientReadsOwnAndAnothersConsent_ThenOwnIs200AndAnothersIs404()
    {
        var (a, aId) = await CreateAsync();
        var (_, bId) = await CreateAsync();
        using var patientA = Patient(a);

        Assert.Equal(HttpStatusCode.OK, (await patientA.GetAsync($"/fhir/Consent/{aId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await patientA.GetAsync($"/fhir/Consent/{aId}/_history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await patientA.GetAsync($"/fhir/Consent/{aId}/_history/1")).StatusCode);
        var missingId = Guid.NewGuid().ToString();
        foreach (var suffix in new[] { "", "/_history", "/_history/1" })
        {
            using var missing = await patientA.GetAsync($"/fhir/Consent/{missingId}{suffix}");
            using var response = await patientA.GetAsync($"/fhir/Consent/{bId}{suffix}");

            // Word for word what a Consent that does not exist gets: nothing tells the patient it is there.
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal((await missing.OutcomeAsync()).Issue![0].Diagnostics!.Replace(missingId, bId, StringComparison.Ordinal),
                (await response.OutcomeAsync()).Issue![0].Diagnostics);
        }
    }

    [Fact]
    public async Task Search_WhenPatientSearches_ThenOnlyTheirOwnConsentsAreReturned()
    {
        var (a, aId) = await CreateAsync();
        var (b, _) = await CreateAsync();
        using var patientA = Patient(a);

        var all = await patientA.GetBundleAsync("/fhir/Consent?_count=100");
        var askedForB = await patientA.GetBundleAsync($"/fhir/Consent?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|{b}");

        Assert.Equal([aId], all.Entry!.Where(e => e.Search?.Mode?.GetLiteral() == "match").Select(e => e.Resource!.Id));
        Assert.Empty(askedForB.Entry?.Where(e => e.Search?.Mode?.GetLiteral() == "match") ?? []);
    }

    [Fact]
    public async Task Write_WhenPatientRecordsChoices_ThenOwnAreRecordedAndSomeoneElsesAreRefused()
    {
        var (_, bId) = await CreateAsync();
        var mine = new ConsentBuilder();
        using var patient = Patient(mine.NhsNumber);

        using var recorded = await patient.SendJsonAsync(HttpMethod.Post, "/fhir/Consent", FhirJson.Serialize(mine.Build()));
        using var forSomeoneElse = await patient.SendJsonAsync(HttpMethod.Post, "/fhir/Consent", FhirJson.Serialize(new ConsentBuilder().Build()));
        var theirs = FhirJson.Parse<Consent>(await (await _system.GetAsync($"/fhir/Consent/{bId}")).Content.ReadAsStringAsync());
        using var updateTheirs = await patient.SendJsonAsync(HttpMethod.Put, $"/fhir/Consent/{bId}", FhirJson.Serialize(theirs));
        using var deleteTheirs = await patient.DeleteAsync($"/fhir/Consent/{bId}");
        var ownId = FhirJson.Parse<Consent>(await recorded.Content.ReadAsStringAsync()).Id!;
        var own = FhirJson.Parse<Consent>(await (await patient.GetAsync($"/fhir/Consent/{ownId}")).Content.ReadAsStringAsync());
        own.Patient = new ConsentBuilder().Build().Patient;
        using var giveAway = await patient.SendJsonAsync(HttpMethod.Put, $"/fhir/Consent/{ownId}", FhirJson.Serialize(own));
        using var deleteOwn = await patient.DeleteAsync($"/fhir/Consent/{ownId}");

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forSomeoneElse.StatusCode);
        Assert.Equal("Consent.patient", (await forSomeoneElse.OutcomeAsync()).Issue![0].Expression.First());
        Assert.Equal(HttpStatusCode.NotFound, updateTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleteTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, giveAway.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleteOwn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _system.GetAsync($"/fhir/Consent/{bId}")).StatusCode);
        await api.Services.GetRequiredService<AuditLog>().FlushAsync(default);
        var audit = FhirJson.Parse<Bundle>(await _system.GetStringAsync($"/fhir/AuditEvent?patient={mine.NhsNumber}"));
        var created = audit.Entry!.Select(e => (AuditEvent)e.Resource!).Single(e => e.Action?.GetLiteral() == "C");
        Assert.Equal((NhsNumber.System, mine.NhsNumber), (created.Agent![0].Who!.Identifier!.System, created.Agent[0].Who!.Identifier!.Value));
    }

    [Fact]
    public async Task Audit_WhenPatientAsksWhoCheckedTheirChoices_ThenOwnByDefaultAndAnothersRefused()
    {
        var (a, _) = await CreateAsync();
        var (b, _) = await CreateAsync();
        using var patient = Patient(a);

        using var own = await patient.GetAsync("/fhir/AuditEvent");
        using var theirs = await patient.GetAsync($"/fhir/AuditEvent?patient={b}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains(a, await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, theirs.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/fhir/Consent/_history")]
    [InlineData("GET", "/fhir/Consent/$evaluate?patient=9434765919&purpose=HRESCH&actor=RR8")]
    [InlineData("GET", "/admin/clients")]
    [InlineData("GET", "/objections-considered/summary")]
    [InlineData("POST", "/fhir/$check-opt-outs?purpose=HOPERAT&disclosure=X")]
    public async Task SystemEndpoints_WhenCalledWithAPatientToken_ThenForbidden(string method, string path)
    {
        var (a, _) = await CreateAsync();
        using var patient = Patient(a);

        using var response = await patient.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("") });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Token_WhenNotGenuineFromTheProvider_ThenUnauthorized()
    {
        using var impostor = TestClientKey.Rsa("login-1", Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256);
        var nhs = new ConsentBuilder().NhsNumber;
        var noNhsNumber = api.ProviderKey.Token(new Dictionary<string, object>
        {
            ["iss"] = PatientIssuerApiFactory.PatientIssuer,
            ["sub"] = "x",
            ["aud"] = PatientIssuerApiFactory.Audience,
        });

        foreach (var token in new[] { api.PatientToken(nhs, signedWith: impostor), api.PatientToken(nhs, audience: "another-service"), noNhsNumber })
        {
            using var http = api.CreateClientWithToken(token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/fhir/Consent")).StatusCode);
        }
    }

    [Fact]
    public async Task Token_WhenTheProviderSendsClaimsTheRegistryDecides_ThenTheyAreIgnored()
    {
        var (a, aId) = await CreateAsync();
        var (b, _) = await CreateAsync();
        var token = api.ProviderKey.Token(new Dictionary<string, object>
        {
            ["iss"] = PatientIssuerApiFactory.PatientIssuer,
            ["sub"] = "login-" + a,
            ["aud"] = PatientIssuerApiFactory.Audience,
            ["nhs_number"] = a,
            ["actor_type"] = "client",
            ["client_id"] = ApiFactory.TestClientId,
            ["acts_for"] = b,
        });
        using var http = api.CreateClientWithToken(token);

        var bundle = await http.GetBundleAsync("/fhir/Consent?_count=100");

        Assert.Equal([aId], bundle.Entry!.Where(e => e.Search?.Mode?.GetLiteral() == "match").Select(e => e.Resource!.Id));
    }

    [Fact]
    public async Task ObjectionsConsidered_WhenAPatientReadsTheirs_ThenOwnWithTheLegalBasisInWords_OthersHidden_SystemsRefused()
    {
        var (a, _) = await CreateAsync();
        var (b, _) = await CreateAsync();
        using var recorded = await _system.PostAsJsonAsync("/objections-considered", new
        {
            nhsNumber = a,
            policy = "national-data-opt-out",
            recipient = "X26",
            purpose = "HRESCH",
            outcome = "overridden",
            legalBasis = "court-order",
            criterion = "Disclosure ordered in case 123",
        });
        using var patientA = Patient(a);

        var mine = await patientA.GetFromJsonAsync<System.Text.Json.JsonElement>("/objections-considered/mine");
        using var others = await patientA.GetAsync($"/objections-considered/mine?nhsNumber={b}");
        using var system = await _system.GetAsync("/objections-considered/mine");

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var record = Assert.Single(mine.EnumerateArray());
        Assert.Equal("Court order", record.GetProperty("legalBasisTitle").GetString());
        Assert.Equal("Disclosure ordered in case 123", record.GetProperty("criterion").GetString());
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, system.StatusCode);
    }

    private HttpClient Patient(string nhsNumber) => api.CreateClientWithToken(api.PatientToken(nhsNumber));

    private async Task<(string NhsNumber, string Id)> CreateAsync()
    {
        var builder = new ConsentBuilder();
        var created = await api.CreateFhirClient().CreateAsync(builder.Build());
        return (builder.NhsNumber, created.Resource.Id!);
    }
}
