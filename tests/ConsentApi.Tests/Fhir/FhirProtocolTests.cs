using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using FhirAdapters.Tests.Builders;

namespace ConsentApi.Tests.Fhir;

public abstract class FhirProtocolTests(ApiFactory api)
{
    private readonly HttpClient _http = api.CreateFhirHttpClient();

    private static string ValidJson() => FhirJson.Serialize(new ConsentBuilder().Build());

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/plain, image/png")]
    public async Task Get_WhenAcceptHasNoFhirFormat_Then406OperationOutcome(string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "metadata");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        await response.OutcomeAsync();
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("application/fhir+xml")]
    public async Task Get_WhenFormatIsXml_ThenFhirXmlIsAnswered(string format)
    {
        var response = await _http.GetAsync($"metadata?_format={Uri.EscapeDataString(format)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("active", FhirXml.Parse<Hl7.Fhir.Model.CapabilityStatement>(await response.Content.ReadAsByteArrayAsync()).Status!.Value.GetLiteral());
    }

    [Fact]
    public async Task Post_WhenBodyIsFhirXml_ThenStoredAndReadBackTheSameInJsonAndXml()
    {
        var sent = new ConsentBuilder().Build();
        var xml = FhirXml.Serialize(sent);

        var created = await _http.SendJsonAsync(HttpMethod.Post, "Consent", xml, "application/fhir+xml");
        var location = created.Headers.Location!.ToString();
        var asJson = FhirJson.Parse<Hl7.Fhir.Model.Consent>(await _http.GetStringAsync(location));
        var asXml = FhirXml.Parse<Hl7.Fhir.Model.Consent>(await (await _http.GetAsync(location + "?_format=xml")).Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(sent.Patient!.Identifier!.Value, asJson.Patient!.Identifier!.Value);
        Assert.Equal(FhirJson.Serialize(asJson), FhirJson.Serialize(asXml));
    }

    [Fact]
    public async Task Read_WhenElementsAsked_ThenOnlyThoseAndMandatoryOnesWithTheSubsettedTag()
    {
        var created = await _http.SendJsonAsync(HttpMethod.Post, "Consent", ValidJson());

        var subset = FhirJson.Parse<Hl7.Fhir.Model.Consent>(await _http.GetStringAsync(created.Headers.Location + "?_elements=dateTime"));

        Assert.NotNull(subset.DateTime);
        Assert.Null(subset.Provision);
        Assert.Contains(subset.Meta!.Tag, t => t.Code == "SUBSETTED");
    }

    [Fact]
    public async Task Search_WhenSummaryIsTrue_ThenEveryEntryIsTaggedAndTheLinksKeepIt()
    {
        var nhs = FhirAdapters.Tests.Builders.TestNhsNumbers.Next();
        await _http.SendJsonAsync(HttpMethod.Post, "Consent", FhirJson.Serialize(new ConsentBuilder(nhs).Build()));

        var bundle = await _http.GetBundleAsync($"Consent?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|{nhs}&_summary=true");

        var entry = Assert.Single(bundle.Entry);
        Assert.Contains(entry.Resource!.Meta!.Tag, t => t.Code == "SUBSETTED");
        Assert.Contains("_summary=true", bundle.Link.Single(l => l.Relation == "self").Url, StringComparison.Ordinal);
        Assert.DoesNotContain(bundle.Meta?.Tag ?? [], t => t.Code == "SUBSETTED");
    }

    [Fact]
    public async Task Post_WhenXmlIsMalformed_Then400NamingTheProblem()
    {
        var before = await CountAsync();
        var response = await _http.SendJsonAsync(HttpMethod.Post, "Consent", "<Consent xmlns=\"http://hl7.org/fhir\"><status value=\"active\"></Consent>",
            "application/fhir+xml");
        var outcome = await response.OutcomeAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("XML", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("application/json", "application/json")]
    [InlineData("application/fhir+json", "application/fhir+json")]
    [InlineData("*/*", "application/fhir+json")]
    [InlineData("application/fhir+xml", "application/fhir+xml")]
    [InlineData("application/xml, text/plain", "application/fhir+xml")]
    public async Task Get_WhenAcceptNamesAFhirFormat_ThenThatMediaType(string accept, string expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "metadata");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("text/csv")]
    [InlineData("text/plain")]
    [InlineData("application/fhir+json; charset=iso-8859-1")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Post_WhenContentTypeIsNotFhir_Then415(string contentType)
    {
        var response = await _http.SendJsonAsync(HttpMethod.Post, "Consent", ValidJson(), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await response.OutcomeAsync();
    }

    [Fact]
    public async Task Post_WhenBodyIsPlainJson_ThenAccepted()
    {
        var response = await _http.SendJsonAsync(HttpMethod.Post, "Consent", ValidJson(), "application/json");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Post_WhenBodyOverLimit_Then413()
    {
        var huge = "{\"resourceType\":\"Consent\",\"text\":{\"status\":\"generated\",\"div\":\"" + new string('x', 2 * 1024 * 1024) + "\"}}";

        var response = await _http.SendJsonAsync(HttpMethod.Post, "Consent", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await response.OutcomeAsync();
    }

    [Fact]
    public async Task Post_WhenBodyStreamedWithoutLengthOverLimit_Then413()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"resourceType\":\"Consent\",\"x\":\"" + new string('y', 1_200_000) + "\"}");
        var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        var request = new HttpRequestMessage(HttpMethod.Post, "Consent") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Patch_WhenNotSupported_Then405WithAllow()
    {
        var response = await _http.SendJsonAsync(HttpMethod.Patch, "Consent/abc", "{}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("PUT", response.Content.Headers.Allow);
        await response.OutcomeAsync();
    }

    [Theory]
    [InlineData("Practitioner/123")]
    [InlineData("Observation")]
    [InlineData("Consent/a/b/c/d")]
    public async Task Get_WhenPathUnknown_Then404OperationOutcome(string path)
    {
        var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.OutcomeAsync();
    }

    public static TheoryData<string, string> MalformedBodies() => new()
    {
        { "broken JSON", "{\"resourceType\":\"Consent\",\"status\":" },
        { "empty body", "" },
        { "JSON array", "[1,2,3]" },
        { "JSON string", "\"Consent\"" },
        { "other resource type", "{\"resourceType\":\"Patient\",\"id\":\"1\"}" },
        { "no resourceType", "{\"status\":\"active\"}" },
        { "wrong types", "{\"resourceType\":\"Consent\",\"status\":1,\"scope\":\"x\",\"category\":{}}" },
        { "unknown element", ValidJson().Replace("\"status\"", "\"state\":\"x\",\"status\"", StringComparison.Ordinal) },
        { "invalid NHS number", ValidJson().Replace("\"value\":\"9", "\"value\":\"8", StringComparison.Ordinal) },
        { "check digit fails", FhirJson.Serialize(new ConsentBuilder(TestNhsNumbers.WithWrongCheckDigit()).Build()) },
        { "deep nesting", "{\"resourceType\":\"Consent\",\"extension\":" + string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200)) + "}" },
        { "duplicate keys", ValidJson().Replace("\"status\":\"active\"", "\"status\":\"active\",\"status\":\"inactive\"", StringComparison.Ordinal) },
        { "bad date", ValidJson().Replace("2025-06-02T10:15:00Z", "2025-02-30T25:00:00Z", StringComparison.Ordinal) },
        { "huge number", ValidJson().Replace("\"status\"", "\"sourceAttachment\":{\"size\":1e400},\"status\"", StringComparison.Ordinal) },
        { "script in narrative", ValidJson().Replace("\"status\"", "\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><script>x()</script></div>\"},\"status\"", StringComparison.Ordinal) },
        { "null value", ValidJson().Replace("\"status\":\"active\"", "\"status\":null", StringComparison.Ordinal) },
        { "comment", "{/* hi */\"resourceType\":\"Consent\"}" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Post_WhenBodyMalformed_Then4xxOperationOutcomeAndNothingStored(string what, string body)
    {
        var before = await CountAsync();

        var response = await _http.SendJsonAsync(HttpMethod.Post, "Consent", body);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{what}: {(int)response.StatusCode}");
        await response.OutcomeAsync();
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Post_WhenBodyIsInvalidUtf8_Then400()
    {
        var bytes = Encoding.UTF8.GetBytes(ValidJson());
        bytes[Array.IndexOf(bytes, (byte)'a', 30)] = 0xFF;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");

        var response = await _http.PostAsync("Consent", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.OutcomeAsync();
    }

    [Fact]
    public async Task Post_WhenUnprocessable_Then422ListingEveryProblemWithPaths()
    {
        var body = ValidJson().Replace("\"active\"", "\"enabled\"", StringComparison.Ordinal).Replace("\"deny\"", "\"maybe\"", StringComparison.Ordinal);

        var response = await _http.SendJsonAsync(HttpMethod.Post, "Consent", body);
        var outcome = await response.OutcomeAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["Consent.provision.type", "Consent.status"], outcome.Issue!.SelectMany(i => i.Expression!).Order());
    }

    [Fact]
    public async Task Health_WhenDatabaseUp_ThenHealthyWithEachCheck()
    {
        var client = api.CreateClient();

        var response = await client.GetAsync("/health");
        using var report = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(report.RootElement.GetProperty("status").GetString() == "Healthy", $"/health was not Healthy: {report.RootElement}");
        Assert.Equal(["audit", "database", "decisions", "jobs", "subscriptions"],
            report.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
    }

    private async Task<int> CountAsync()
    {
        var bundle = await (await _http.GetAsync("Consent?_summary=count")).BundleAsync();
        return bundle.Total!.Value;
    }
}
