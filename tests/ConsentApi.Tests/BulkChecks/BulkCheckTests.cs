using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConsentApi.BulkChecks;
using ConsentApi.Tests.Support;
using Hl7.Fhir.Model;
using FhirAdapters.Tests.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.BulkChecks;

/// <summary>The bulk opt-out check over HTTP: the .dat format both ways, NDJSON, async mode, bad lists, register and audit.</summary>
public abstract class BulkCheckTests(ApiFactory api)
{
    private const string Check = "$check-opt-outs?purpose=HRESCH&disclosure=";
    private readonly TestFhirClient _fhir = api.CreateFhirClient();
    private readonly HttpClient _http = api.CreateFhirHttpClient();

    [Theory]
    [InlineData("\n", true)]
    [InlineData("\r\n", true)]
    [InlineData("\n", false)]
    public async Task CheckOptOuts_WhenListHasObjectors_ThenOnlyOthersReturnedInTheSameFormat(string newline, bool commas)
    {
        var disclosure = await RegisterAsync();
        var (objector, others) = await PeopleAsync(3);
        var lines = new[] { others[0], objector, others[1], others[2] }.Select(n => n + (commas ? "," : string.Empty));

        var response = await PostAsync(disclosure, string.Join(newline, lines) + newline);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var comma = commas ? "," : string.Empty;
        Assert.Equal($"{others[0]}{comma}{newline}{others[1]}{comma}{newline}{others[2]}{comma}{newline}", body);
        Assert.Equal("4", response.Headers.GetValues("X-Checked").Single());
        Assert.Equal("1", response.Headers.GetValues("X-Excluded").Single());
    }

    [Fact]
    public async Task CheckOptOuts_WhenBlankLinesAndNoFinalNewline_ThenBlanksSkippedAndLastLineRead()
    {
        var disclosure = await RegisterAsync();
        var (objector, others) = await PeopleAsync(2);

        var body = await (await PostAsync(disclosure, $"\n{others[0]},\n\n  \n{objector},\n{others[1]},")).Content.ReadAsStringAsync();

        Assert.Equal($"{others[0]},\n{others[1]},\n", body);
    }

    [Fact]
    public async Task CheckOptOuts_WhenNdjsonAccepted_ThenOneLinePerNumberWithDecisionAndPolicy()
    {
        var disclosure = await RegisterAsync();
        var (objector, others) = await PeopleAsync(1);

        var response = await PostAsync(disclosure, $"{objector},\n{others[0]},\n", accept: BulkResultWriter.Ndjson);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith(BulkResultWriter.Ndjson, response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal($"{{\"nhsNumber\":\"{objector}\",\"decision\":\"deny\",\"policy\":\"https://consentregistry.example/policy/national-data-opt-out\"}}", lines[0]);
        Assert.StartsWith($"{{\"nhsNumber\":\"{others[0]}\",\"decision\":\"permit\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckOptOuts_WhenSomeLinesInvalid_Then422NamingEachAndNothingChecked()
    {
        var disclosure = await RegisterAsync();
        var valid = TestNhsNumbers.Next();

        var response = await PostAsync(disclosure, $"{valid},\n943476591,\n9434765918,\n{valid},\nABCDEFGHIJ,\n");
        var outcome = await response.OutcomeAsync();
        var register = await _http.GetStringAsync($"/register/disclosures/{disclosure}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(4, outcome.Issue!.Count);
        Assert.Equal(["line 2", "line 3", "line 5"], outcome.Issue.Skip(1).Select(i => i.Expression.First()));
        Assert.Contains("'9434765918,' is not a valid NHS number: the check digit is wrong", outcome.Issue[2].Diagnostics, StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"rejected\",\"checked\":0,\"excluded\":0,\"overridden\":0,\"invalid\":3", register, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n\r\n")]
    public async Task CheckOptOuts_WhenListEmpty_Then400(string body)
    {
        var response = await PostAsync(await RegisterAsync(), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no NHS numbers", (await response.OutcomeAsync()).Issue![0].Diagnostics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$check-opt-outs?purpose=HRESCH", "disclosure")]
    [InlineData("$check-opt-outs?purpose=HRESCH&disclosure=NOT-REGISTERED", "disclosure")]
    [InlineData("$check-opt-outs?purpose=HOPERAT&disclosure=TEST-RESEARCH", "purpose")]
    [InlineData("$check-opt-outs?purpose=HRESCH&disclosure=TEST-RESEARCH&when=now", "when")]
    public async Task CheckOptOuts_WhenQueryWrong_Then400NamingTheParameter(string path, string parameter)
    {
        await RegisterAsync("TEST-RESEARCH");

        var response = await _http.PostAsync(path, new StringContent("9434765919,\n", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (await response.OutcomeAsync()).Issue![0].Expression.First());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task CheckOptOuts_WhenRespondAsync_Then202ThenProgressThenSameResult_OnlyForTheClientThatAsked_InAPrivateFile()
    {
        var disclosure = await RegisterAsync();
        var (objector, others) = await PeopleAsync(2);
        var request = new HttpRequestMessage(HttpMethod.Post, Check + disclosure)
        {
            Content = new StringContent($"{objector},\n{others[0]},\n{others[1]},\n", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Prefer", "respond-async");

        var accepted = await _http.SendAsync(request);
        var status = accepted.Content.Headers.ContentLocation ?? accepted.Headers.GetValues("Content-Location").Select(u => new Uri(u)).Single();
        HttpResponseMessage poll;
        do
        {
            poll = await _http.GetAsync(status);
        }
        while (poll.StatusCode == HttpStatusCode.Accepted);

        // Another client system with the same scope, holding the URL, finds nothing there and can delete nothing.
        using var otherKey = TestClientKey.Rsa();
        using var admin = api.CreateClient();
        var other = await admin.RegisterClientAsync(otherKey, ConsentApi.Identity.RegistryScopes.Decisions, "X99");
        using var otherHttp = api.CreateClientWithToken(await api.TokenAsync(other, otherKey, ConsentApi.Identity.RegistryScopes.Decisions));
        using var otherReads = await otherHttp.GetAsync(status);
        using var otherDeletes = await otherHttp.DeleteAsync(status);
        var results = Directory.GetFiles(Path.Combine(api.DataDirectory, "bulk-results"));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        Assert.Equal($"{others[0]},\n{others[1]},\n", await poll.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, otherReads.StatusCode);
        Assert.DoesNotContain(others[0], await otherReads.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherDeletes.StatusCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Assert.Single(results)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(results[0])!));
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync(status)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(status)).StatusCode);
    }

    [Fact]
    public async Task CheckOptOuts_WhenDone_ThenRegisterCountsAndEveryPersonAudited()
    {
        var disclosure = await RegisterAsync();
        var (objector, others) = await PeopleAsync(2);

        await PostAsync(disclosure, $"{objector},\n{others[0]},\n{others[1]},\n");
        await api.Services.GetRequiredService<BulkAuditFanout>().DrainAsync(CancellationToken.None);
        var register = await _http.GetStringAsync($"/register/disclosures/{disclosure}");

        Assert.Contains("\"outcome\":\"completed\",\"checked\":3,\"excluded\":1,\"overridden\":0,\"invalid\":0", register, StringComparison.Ordinal);
        foreach (var nhs in new[] { objector, others[0], others[1] })
        {
            var audit = await _fhir.SearchAsync("AuditEvent", [new("patient", nhs)]);
            // The objector's own Consent was recorded too (a "create" record); the check is one record for each person.
            Assert.Single(audit.Entry!, e => ((AuditEvent)e.Resource!).Subtype![0].Code == "bulk-check");
            Assert.All(audit.Entry!, e => Assert.Contains(((AuditEvent)e.Resource!).Subtype![0].Code, new[] { "bulk-check", "create" }));
        }
    }

    [Fact]
    public async Task CheckOptOuts_WhenDisclosureExemptFromOptOuts_ThenObjectorIncludedAndOverrideRecorded()
    {
        var disclosure = await RegisterAsync(purpose: "PUBHLTH", legalBasis: "copi-regulation-3");
        var objector = new ConsentBuilder().WithPolicy("type-1").With(c => c.Provision!.Purpose = null);
        await _fhir.CreateAsync(objector.Build());

        var body = await (await PostAsync(disclosure, $"{objector.NhsNumber},\n", purpose: "PUBHLTH")).Content.ReadAsStringAsync();
        await api.Services.GetRequiredService<BulkAuditFanout>().DrainAsync(CancellationToken.None);
        var considered = await _http.GetStringAsync($"/objections-considered?nhsNumber={objector.NhsNumber}");

        Assert.Equal($"{objector.NhsNumber},\n", body);
        Assert.Contains("\"source\":\"bulk-check\"", considered, StringComparison.Ordinal);
        Assert.Contains("\"legalBasis\":\"copi-regulation-3\"", considered, StringComparison.Ordinal);
    }

    private async Task<(string Objector, string[] Others)> PeopleAsync(int others)
    {
        var objector = new ConsentBuilder().WithPolicy("national-data-opt-out");
        await _fhir.CreateAsync(objector.Build());
        return (objector.NhsNumber, [.. Enumerable.Range(0, others).Select(_ => TestNhsNumbers.Next())]);
    }

    private async Task<string> RegisterAsync(string? id = null, string purpose = "HRESCH", string? legalBasis = null)
    {
        id ??= "TEST-" + Guid.NewGuid().ToString("N")[..12];
        var json = $$"""
            {"id":"{{id}}","recipientOds":"RR8","recipientName":"Test research unit","purpose":"{{purpose}}",
             "legalBasis":{{(legalBasis is null ? "null" : $"\"{legalBasis}\"")}},"dataDescription":"Test extract","optOutsApply":{{(legalBasis is null ? "true" : "false")}}}
            """;
        var response = await _http.PostAsync("/register/disclosures", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        return id;
    }

    private Task<HttpResponseMessage> PostAsync(string disclosure, string body, string accept = "text/plain", string purpose = "HRESCH")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"$check-opt-outs?purpose={purpose}&disclosure={disclosure}")
        {
            Content = new StringContent(body, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return _http.SendAsync(request);
    }
}
