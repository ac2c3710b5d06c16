using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsentApi.Audit;
using ConsentApi.Consents;
using ConsentApi.Tests.Identity;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Tests.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Proxies;

/// <summary>
/// Proxies: a relationship lets the proxy act for that one person only once staff approve it and while it lasts;
/// what the proxy changes is recorded with the proxy as the actor; a guardian acts only for a child under 13.
/// </summary>
public sealed class ProxyTests(PatientIssuerApiFactory api) : IClassFixture<PatientIssuerApiFactory>
{
    private readonly HttpClient _staff = api.CreateClient();

    [Fact]
    public async Task Proxy_WhenApprovedAndThenEnded_ThenActsForTheSubjectOnlyMeanwhile()
    {
        var subject = new ConsentBuilder();
        var subjectsConsent = (await api.CreateFhirClient().CreateAsync(subject.Build())).Resource.Id!;
        var (_, strangersConsent) = await ConsentOfSomeoneAsync();
        var proxyNhs = TestNhsNumbers.Next();
        using var proxy = Patient(proxyNhs);

        var requested = await RequestAsync(proxy, new { subjectNhsNumber = subject.NhsNumber, kind = "POA", evidence = "LPA registration 7000-1234-5678" });
        var beforeApproval = await proxy.GetAsync($"/fhir/Consent/{subjectsConsent}");
        var queue = await _staff.GetFromJsonAsync<JsonElement>("/proxies?status=requested");
        using var approved = await _staff.PostAsync($"/proxies/{requested}/approve", null);

        Assert.Equal(HttpStatusCode.NotFound, beforeApproval.StatusCode);
        Assert.Contains(queue.EnumerateArray(), p => p.GetProperty("id").GetString() == requested);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await proxy.GetAsync($"/fhir/Consent/{subjectsConsent}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await proxy.GetAsync($"/fhir/Consent/{strangersConsent}")).StatusCode);
        var search = FhirJson.Parse<Bundle>(await proxy.GetStringAsync("/fhir/Consent"));
        Assert.Equal([subjectsConsent], search.Entry!.Where(e => e.Search?.Mode?.GetLiteral() == "match").Select(e => e.Resource!.Id));

        using var recorded = await proxy.SendJsonAsync(HttpMethod.Post, "/fhir/Consent",
            FhirJson.Serialize(new ConsentBuilder(subject.NhsNumber).WithPolicy("research-contact").Build()));
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var stamped = FhirJson.Parse<Consent>(await recorded.Content.ReadAsStringAsync());
        Assert.Equal("proxy", stamped.Meta!.Tag!.Single(t => t.System == ConsentProvenance.RecordedBySystem).Code);
        Assert.Equal("OP", stamped.Extension!.Single(e => e.Url == RegistryPolicies.ChannelExtension).Value!.ToString());
        await api.Services.GetRequiredService<AuditLog>().FlushAsync(default);
        var audit = FhirJson.Parse<Bundle>(await _staff.GetStringAsync($"/fhir/AuditEvent?patient={subject.NhsNumber}"));
        var write = audit.Entry!.Select(e => (AuditEvent)e.Resource!).First(e => e.Action?.GetLiteral() == "C");
        Assert.Equal("proxy", write.Agent![0].Role![0].Coding![0].Code);
        Assert.Equal(proxyNhs, write.Agent[0].Who!.Identifier!.Value);

        using var subjectEnds = await Patient(subject.NhsNumber).PostAsync($"/proxies/{requested}/end", null);
        Assert.Equal(HttpStatusCode.OK, subjectEnds.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await proxy.GetAsync($"/fhir/Consent/{subjectsConsent}")).StatusCode);
        Assert.Equal(3, await api.CountAsync($"SELECT count(*) FROM proxy_relationship_versions WHERE id = '{requested}'"));
    }

    [Fact]
    public async Task Guardian_WhenChildIsUnder13_ThenApprovalEndsItAt13_AndOlderOrUnknownChildrenAreRefusedToStaffOnly()
    {
        var child = await api.RegisteredPersonAsync(DateTime.UtcNow.Year - 5);
        var teenager = await api.RegisteredPersonAsync(DateTime.UtcNow.Year - 15);
        using var parent = Patient(TestNhsNumbers.Next());

        var forChild = await RequestAsync(parent, new { subjectNhsNumber = child, kind = "GUARDIAN" });
        using var forTeenager = await parent.PostAsJsonAsync("/proxies", new { subjectNhsNumber = teenager, kind = "GUARDIAN" });
        using var forUnregistered = await parent.PostAsJsonAsync("/proxies", new { subjectNhsNumber = TestNhsNumbers.Next(), kind = "GUARDIAN" });
        using var childApproved = await _staff.PostAsync($"/proxies/{forChild}/approve", null);
        var teenagerId = (await forTeenager.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var teenagerApproval = await _staff.PostAsync($"/proxies/{teenagerId}/approve", null);

        // The parent's answers are alike whoever the subject is: nothing about a child's age or registration leaks.
        Assert.Equal(HttpStatusCode.Created, forTeenager.StatusCode);
        Assert.Equal(HttpStatusCode.Created, forUnregistered.StatusCode);
        Assert.DoesNotContain(teenager, (await forTeenager.Content.ReadAsStringAsync()).Replace($"\"{teenager}\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("born", await forTeenager.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, childApproved.StatusCode);
        Assert.Equal($"{DateTime.UtcNow.Year + 8}-01-01", (await childApproved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("end").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, teenagerApproval.StatusCode);
        Assert.Contains("under 13", await teenagerApproval.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_WhenTheAdministratorWhoRecordedTheRelationshipApprovesIt_ThenForbidden_AndASecondAdministratorMay()
    {
        var key = TestClientKey.Rsa();
        var secondId = "second-admin-" + Guid.NewGuid().ToString("N")[..8];
        await api.Services.GetRequiredService<ConsentApi.Identity.ClientRegistry>().AddAsync(
            new ConsentApi.Identity.ClientInput(secondId, "X99", "Second administrator", key.PublicJwks(), null, [ConsentApi.Identity.RegistryScopes.Admin]), "tests", default);
        using var second = api.CreateClientWithToken(await api.TokenAsync(secondId, key, ConsentApi.Identity.RegistryScopes.Admin));
        var recorded = await _staff.PostAsJsonAsync("/proxies", new { proxyNhsNumber = TestNhsNumbers.Next(), subjectNhsNumber = TestNhsNumbers.Next(), kind = "POA" });
        var id = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var byRecorder = await _staff.PostAsync($"/proxies/{id}/approve", null);
        using var bySecond = await second.PostAsync($"/proxies/{id}/approve", null);

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byRecorder.StatusCode);
        Assert.Contains("another administrator", await byRecorder.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bySecond.StatusCode);
    }

    [Fact]
    public async Task Request_WhenPatientOverstepsOrRepeats_ThenRefusedWithTheReason()
    {
        var me = TestNhsNumbers.Next();
        var them = TestNhsNumbers.Next();
        using var patient = Patient(me);
        var first = await RequestAsync(patient, new { subjectNhsNumber = them, kind = "COURTDEP" });

        using var asSomeoneElse = await patient.PostAsJsonAsync("/proxies", new { proxyNhsNumber = TestNhsNumbers.Next(), subjectNhsNumber = them, kind = "POA" });
        using var again = await patient.PostAsJsonAsync("/proxies", new { subjectNhsNumber = them, kind = "POA" });
        using var forSelf = await patient.PostAsJsonAsync("/proxies", new { subjectNhsNumber = me, kind = "POA" });
        using var badKind = await patient.PostAsJsonAsync("/proxies", new { subjectNhsNumber = them, kind = "FRIEND" });
        using var selfApproval = await patient.PostAsync($"/proxies/{first}/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, asSomeoneElse.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forSelf.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        using var approved = await _staff.PostAsync($"/proxies/{first}/approve", null);
        using var approvedTwice = await _staff.PostAsync($"/proxies/{first}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, approvedTwice.StatusCode);
    }

    private HttpClient Patient(string nhsNumber) => api.CreateClientWithToken(api.PatientToken(nhsNumber));

    private static async Task<string> RequestAsync(HttpClient patient, object body)
    {
        using var response = await patient.PostAsJsonAsync("/proxies", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<(string NhsNumber, string Id)> ConsentOfSomeoneAsync()
    {
        var builder = new ConsentBuilder();
        return (builder.NhsNumber, (await api.CreateFhirClient().CreateAsync(builder.Build())).Resource.Id!);
    }
}
