using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ConsentApi.Tests.Support;
using FhirAdapters.Tests.Builders;

namespace ConsentApi.Tests.Decisions;

/// <summary>The CDS Hooks service, held to the LEAP Consent Decision Service's contract.</summary>
public sealed class CdsHooksTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private readonly TestFhirClient _fhir = api.CreateFhirClient();
    private readonly HttpClient _http = api.CreateClient();

    [Fact]
    public async Task Discovery_WhenRequested_ThenListsPatientConsentConsult()
    {
        var services = JsonNode.Parse(await _http.GetStringAsync("/cds-services"))!["services"]!.AsArray();

        var service = Assert.Single(services);
        Assert.Equal("patient-consent-consult", (string?)service!["hook"]);
        Assert.Equal("patient-consent-consult", (string?)service["id"]);
    }

    [Fact]
    public async Task Consult_WhenPatientObjected_ThenOneDenyCardBasedOnTheConsent()
    {
        var consent = new ConsentBuilder().WithPolicy("national-data-opt-out");
        var created = await _fhir.CreateAsync(consent.Build());

        var card = await ConsultAsync(consent.NhsNumber, """["HRESCH"]""");

        Assert.Equal("CONSENT_DENY", (string?)card["summary"]);
        Assert.Equal("critical", (string?)card["indicator"]);
        Assert.Equal("CONSENT_DENY", (string?)card["extension"]!["decision"]);
        Assert.Equal($"Consent/{created.Resource.Id}/_history/1", (string?)card["extension"]!["basedOn"]);
    }

    [Fact]
    public async Task Consult_WhenPatientOptedIn_ThenPermitCard()
    {
        var consent = new ConsentBuilder().WithPolicy("research-contact")
            .With(c => c.Provision = new Hl7.Fhir.Model.Consent.provisionComponent { Type = Hl7.Fhir.Model.Consent.ConsentProvisionType.Permit });
        await _fhir.CreateAsync(consent.Build());

        var card = await ConsultAsync(consent.NhsNumber, """[{"system":"https://consentregistry.example/CodeSystem/purpose-of-use","code":"research-contact"}]""");

        Assert.Equal("CONSENT_PERMIT", (string?)card["summary"]);
    }

    [Fact]
    public async Task Consult_WhenNoChoiceRecorded_ThenNoConsentCard()
    {
        var card = await ConsultAsync(TestNhsNumbers.Next(), "\"TREAT\"");

        Assert.Equal("NO_CONSENT", (string?)card["summary"]);
        Assert.Equal("warning", (string?)card["indicator"]);
    }

    [Theory]
    [InlineData("""{"hook":"order-sign","context":{}}""", "hook")]
    [InlineData("""{"hook":"patient-consent-consult"}""", "context")]
    [InlineData("""{"hook":"patient-consent-consult","context":{"patientId":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9434765919"},"purposeOfUse":"HRESCH"}}""", "context.actor")]
    [InlineData("""{"hook":"patient-consent-consult","context":{"patientId":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9434765919"},"actor":{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"RR8"}}}""", "context.purposeOfUse")]
    [InlineData("not json", "body")]
    public async Task Consult_WhenRequestWrong_Then400NamingTheField(string body, string field)
    {
        var response = await _http.PostAsync("/cds-services/patient-consent-consult", new StringContent(body, Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (string?)json["issue"]![0]!["expression"]![0]);
    }

    private async Task<JsonNode> ConsultAsync(string nhs, string purposes)
    {
        var body = $$$"""
            {"hook":"patient-consent-consult","hookInstance":"{{{Guid.NewGuid()}}}","context":{
              "patientId":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"{{{nhs}}}"}],
              "actor":[{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"RR8"}],
              "category":[{"system":"http://loinc.org","code":"59284-0"}],
              "purposeOfUse":{{{purposes}}}}}
            """;
        var response = await _http.PostAsync("/cds-services/patient-consent-consult", new StringContent(body, Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return Assert.Single(json["cards"]!.AsArray())!;
    }
}
