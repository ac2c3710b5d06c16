using System.Net;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using FhirAdapters.Outcomes;
using FhirAdapters.Profiles;
using FhirAdapters.Tests.Builders;
using Hl7.Fhir.Model;

namespace ConsentApi.Tests.Consents;

public class ConsentValidationTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private readonly HttpClient _http = api.CreateFhirHttpClient();

    [Fact]
    public async Task Validate_WhenTheConsentMeetsTheProfile_ThenOkWithNoErrorAndNothingStored()
    {
        var consent = new ConsentBuilder().Build();

        var outcome = await ValidateAsync(FhirJson.Serialize(consent));

        Assert.DoesNotContain(outcome.Issue, i => i.IsError());
        Assert.Contains(outcome.Issue, i => i.Message().Contains(RegistryConformance.ConsentProfile, StringComparison.Ordinal));
        Assert.Empty((await _http.GetBundleAsync($"Consent?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|{consent.Patient!.Identifier!.Value}")).Entry);
    }

    [Fact]
    public async Task Validate_WhenTheNhsNumberFailsItsCheckDigit_ThenTheErrorNamesThePatientIdentifier()
    {
        var consent = new ConsentBuilder().With(c => c.Patient!.Identifier!.Value = "9434765918").Build();

        var outcome = await ValidateAsync(FhirJson.Serialize(consent));

        var error = Assert.Single(outcome.Issue, i => i.IsError());
        Assert.StartsWith("Consent.patient", Assert.Single(error.Expression), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenACodeIsOutsideItsSet_ThenOkListingTheCodeAsAFinding()
    {
        var body = FhirJson.Serialize(new ConsentBuilder().Build()).Replace("\"active\"", "\"enabled\"", StringComparison.Ordinal);

        var outcome = await ValidateAsync(body);

        var error = Assert.Single(outcome.Issue, i => i.IsError());
        Assert.Equal("Consent.status", Assert.Single(error.Expression));
    }

    [Fact]
    public async Task Validate_WhenSentInParametersAgainstTheBaseConsent_ThenRegistryRulesDoNotApply()
    {
        var consent = new ConsentBuilder().With(c => c.Patient!.Identifier!.System = "https://hospital.example/mrn").Build();
        var parameters = new Parameters();
        parameters.Add("resource", consent);
        parameters.Add("profile", new FhirUri("http://hl7.org/fhir/StructureDefinition/Consent"));

        var againstBase = await ValidateAsync(FhirJson.Serialize(parameters));
        var againstRegistry = await ValidateAsync(FhirJson.Serialize(consent));

        Assert.DoesNotContain(againstBase.Issue, i => i.IsError());
        Assert.Contains(againstRegistry.Issue, i => i.IsError());
    }

    [Fact]
    public async Task Validate_WhenSentAsXml_ThenCheckedTheSameWay()
    {
        var outcome = await ValidateAsync(FhirXml.Serialize(new ConsentBuilder().Build()), "application/fhir+xml");

        Assert.DoesNotContain(outcome.Issue, i => i.IsError());
    }

    [Theory]
    [InlineData("?profile=https://elsewhere.example/StructureDefinition/x", "profile")]
    [InlineData("?mode=replace", "mode")]
    public async Task Validate_WhenAParameterIsNotUnderstood_Then400NamingIt(string query, string named)
    {
        var response = await _http.SendJsonAsync(HttpMethod.Post, "Consent/$validate" + query, FhirJson.Serialize(new ConsentBuilder().Build()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(named, Assert.Single((await response.OutcomeAsync()).Issue[0].Expression));
    }

    [Theory]
    [InlineData("{\"resourceType\":\"Consent\",")]
    [InlineData("{\"resourceType\":\"Patient\",\"active\":true}")]
    public async Task Validate_WhenTheBodyIsNotAConsent_Then400(string body)
    {
        var response = await _http.SendJsonAsync(HttpMethod.Post, "Consent/$validate", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.OutcomeAsync();
    }

    private async Task<OperationOutcome> ValidateAsync(string body, string contentType = "application/fhir+json")
    {
        using var response = await _http.SendJsonAsync(HttpMethod.Post, "Consent/$validate", body, contentType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return FhirJson.Parse<OperationOutcome>(text);
    }
}
