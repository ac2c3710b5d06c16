using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using FhirAdapters.Tests.Schema;

namespace ConsentApi.Tests.Metadata;

public class MetadataTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private static readonly string[] R4ConsentSearchParameters =
    [
        "action", "actor", "category", "consentor", "data", "date", "identifier", "organization", "patient", "period", "purpose", "scope",
        "security-label", "source-reference", "status",
    ];

    private readonly TestFhirClient _fhir = api.CreateFhirClient();

    [Fact]
    public async Task Capabilities_WhenReadWithoutAToken_ThenStatesSmartSecurityAndTheTokenEndpoint()
    {
        var statement = await new TestFhirClient(Anonymous()).CapabilitiesAsync();

        var security = statement.Rest![0].Security!;
        Assert.Equal("SMART-on-FHIR", security.Service![0].Coding![0].Code);
        var oauth = Assert.Single(security.Extension!, e => e.Url == "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        var token = Assert.Single(oauth.Extension!, e => e.Url == "token");
        Assert.EndsWith("/auth/token", token.Value!.ToString(), StringComparison.Ordinal);
        var authorize = Assert.Single(oauth.Extension!, e => e.Url == "authorize");
        Assert.EndsWith("/auth/authorize", authorize.Value!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/.well-known/smart-configuration")]
    [InlineData("/fhir/.well-known/smart-configuration")]
    public async Task SmartConfiguration_WhenAskedWithoutATokenAtEitherPlace_ThenTheSameEndpointsAreNamed(string path)
    {
        using var http = Anonymous();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("/auth/token", document.RootElement.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/auth/authorize", document.RootElement.GetProperty("authorization_endpoint").GetString(), StringComparison.Ordinal);
    }

    private HttpClient Anonymous()
    {
        var http = api.CreateAnonymousClient();
        http.BaseAddress = new Uri(http.BaseAddress!, "fhir/");
        return http;
    }

    [Fact]
    public async Task Capabilities_WhenRead_ThenStatesConsentInteractionsAndEverySearchParameter()
    {
        var statement = await _fhir.CapabilitiesAsync();

        var consent = statement.Rest![0].Resource!.Single(r => r.Type == "Consent");
        Assert.Equal("4.0.1", statement.FhirVersion?.GetLiteral());
        Assert.Equal("versioned-update", consent.Versioning?.GetLiteral());
        Assert.True(consent.ConditionalCreate);
        Assert.Equal(
            new[] { "create", "delete", "history-instance", "history-type", "read", "search-type", "update", "vread" },
            consent.Interaction!.Select(i => i.Code!.Value.GetLiteral()).Order());
        Assert.All(R4ConsentSearchParameters, p => Assert.Contains(consent.SearchParam!, s => s.Name == p));
        Assert.Contains(consent.SearchParam!, s => s.Name == "_lastUpdated" && s.Type == Hl7.Fhir.Model.SearchParamType.Date);
    }

    [Fact]
    public async Task Capabilities_WhenRead_ThenStatesDecisionsBulkCheckAndAudit()
    {
        var rest = (await _fhir.CapabilitiesAsync()).Rest![0];

        Assert.Equal(["Consent", "AuditEvent", "Subscription", "Patient", "StructureDefinition", "ValueSet", "CodeSystem"], rest.Resource!.Select(r => r.Type!));
        Assert.Equal(["evaluate", "validate"], rest.Resource![0].Operation!.Select(o => o.Name));
        Assert.Equal(["check-opt-outs", "export"], rest.Operation!.Select(o => o.Name!));
        Assert.Equal("patient", rest.Resource![1].SearchParam![0].Name);
    }

    [Fact]
    public async Task Capabilities_WhenRead_ThenOfficialSchemaAcceptsIt()
    {
        var statement = await _fhir.CapabilitiesAsync();

        Assert.Empty(FhirSchemaOracle.Instance.Validate(FhirJson.Serialize(statement)));
    }

    [Fact]
    public async Task Responses_WhenSearchAndHistory_ThenOfficialSchemaAcceptsBundles()
    {
        var created = await _fhir.CreateAsync(new FhirAdapters.Tests.Builders.ConsentBuilder().Build());
        await _fhir.DeleteAsync("Consent", created.Resource.Id!);

        var http = api.CreateFhirHttpClient();
        var search = await http.GetStringAsync("Consent?colour=blue&_total=accurate");
        var history = await http.GetStringAsync($"Consent/{created.Resource.Id}/_history");
        var error = await http.GetStringAsync("Consent?_count=100000");

        Assert.Empty(FhirSchemaOracle.Instance.Validate(search));
        Assert.Empty(FhirSchemaOracle.Instance.Validate(history));
        Assert.Empty(FhirSchemaOracle.Instance.Validate(error));
    }

    [Fact]
    public async Task Responses_WhenReadSearchedHistoryAndRefused_ThenTheSdkValidatorAcceptsEachAgainstItsProfile()
    {
        var created = await _fhir.CreateAsync(new FhirAdapters.Tests.Builders.ConsentBuilder().Build());
        var id = created.Resource.Id!;
        var http = api.CreateFhirHttpClient();

        var read = FhirJson.Parse<Hl7.Fhir.Model.Consent>(await http.GetStringAsync($"Consent/{id}"));
        var search = FhirJson.Parse<Hl7.Fhir.Model.Bundle>(await http.GetStringAsync($"Consent?_id={id}&_total=accurate"));
        var history = FhirJson.Parse<Hl7.Fhir.Model.Bundle>(await http.GetStringAsync($"Consent/{id}/_history"));
        var refusal = FhirJson.Parse<Hl7.Fhir.Model.OperationOutcome>(await (await http.GetAsync("Consent?date=2025-13-01")).Content.ReadAsStringAsync());
        var capabilities = await _fhir.CapabilitiesAsync();

        Assert.Empty(Errors(read, FhirAdapters.Profiles.RegistryConformance.ConsentProfile));
        Assert.Empty(Errors(read));
        Assert.Empty(Errors(search));
        Assert.Empty(Errors(history));
        Assert.Empty(Errors(refusal));
        Assert.Empty(Errors(capabilities));
    }

    private static IEnumerable<string> Errors(Hl7.Fhir.Model.Resource resource, string? profile = null) =>
        FhirAdapters.Validation.ProfileValidator.Shared.Validate(resource, profile).Issue
            .Where(FhirAdapters.Outcomes.Issues.IsError).Select(i => $"{FhirAdapters.Outcomes.Issues.Message(i)} at {string.Join(",", i.Expression)}");
}
