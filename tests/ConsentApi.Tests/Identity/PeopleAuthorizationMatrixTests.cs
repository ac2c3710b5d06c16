using Microsoft.Extensions.DependencyInjection;
using ConsentApi.Identity;
using System.Net.Http.Json;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using FhirAdapters.Tests.Builders;

namespace ConsentApi.Tests.Identity;

/// <summary>
/// Who sees and changes what: patients A and B, an approved proxy for A, a GP system and a staff analyst, against
/// every kind of request. "ok" is let through, "404" is hidden (someone else's), "403" is not allowed.
/// </summary>
public sealed class PeopleAuthorizationMatrixTests(PatientIssuerApiFactory api) : IClassFixture<PatientIssuerApiFactory>
{
    private static readonly string[] People = ["A", "B", "proxy of A", "GP system", "analyst"];

    [Fact]
    public async Task Requests_WhenMadeByEachKindOfPerson_ThenExactlyTheExpectedOnesAreLetThrough()
    {
        var a = new ConsentBuilder();
        var b = new ConsentBuilder();
        var aConsent = (await api.CreateFhirClient().CreateAsync(a.Build())).Resource;
        var bConsent = (await api.CreateFhirClient().CreateAsync(b.Build())).Resource;
        var tokens = new Dictionary<string, string>
        {
            ["A"] = api.PatientToken(a.NhsNumber),
            ["B"] = api.PatientToken(b.NhsNumber),
            ["proxy of A"] = await ApprovedProxyTokenAsync(a.NhsNumber),
            ["GP system"] = await api.TokenAsync(ApiFactory.TestClientId, api.TestClientKey, "system/Consent.rs system/Consent.cud registry.decisions"),
            ["analyst"] = await AnalystTokenAsync(),
        };

        //  request                                           A      B      proxy  GP     analyst
        var expected = new List<(string Name, Func<HttpClient, Task<HttpResponseMessage>> Send, string[] Expect)>
        {
            ("read A's Consent", h => h.GetAsync($"/fhir/Consent/{aConsent.Id}"), ["ok", "404", "ok", "ok", "403"]),
            ("read B's Consent", h => h.GetAsync($"/fhir/Consent/{bConsent.Id}"), ["404", "ok", "404", "ok", "403"]),
            ("B's Consent history", h => h.GetAsync($"/fhir/Consent/{bConsent.Id}/_history"), ["404", "ok", "404", "ok", "403"]),
            ("search Consents", h => h.GetAsync("/fhir/Consent"), ["ok", "ok", "ok", "ok", "403"]),
            ("history of all Consents", h => h.GetAsync("/fhir/Consent/_history"), ["403", "403", "403", "ok", "403"]),
            ("update A's Consent", h => h.SendJsonAsync(HttpMethod.Put, $"/fhir/Consent/{aConsent.Id}", FhirJson.Serialize(aConsent)), ["ok", "404", "ok", "ok", "403"]),
            ("record a choice for B", h => h.SendJsonAsync(HttpMethod.Post, "/fhir/Consent", FhirJson.Serialize(new ConsentBuilder(b.NhsNumber).WithPolicy("research-contact").Build())),
                ["403", "ok", "403", "ok", "403"]),
            ("who checked A's choices", h => h.GetAsync($"/fhir/AuditEvent?patient={a.NhsNumber}"), ["ok", "403", "ok", "403", "ok"]),
            ("decision about A", h => h.GetAsync($"/fhir/Consent/$evaluate?patient={a.NhsNumber}&purpose=HRESCH&actor=RR8"), ["403", "403", "403", "ok", "403"]),
            ("objection monitoring", h => h.GetAsync("/objections-considered/summary"), ["403", "403", "403", "403", "ok"]),
            ("manage clients", h => h.GetAsync("/admin/clients"), ["403", "403", "403", "403", "403"]),
            ("proxy approval queue", h => h.GetAsync("/proxies?status=requested"), ["ok", "ok", "ok", "403", "403"]),
            ("delete B's Consent", h => h.DeleteAsync($"/fhir/Consent/{bConsent.Id}"), ["404", "ok", "404", "ok", "403"]),
        };

        var wrong = new List<string>();
        foreach (var (name, send, expect) in expected)
        {
            for (var i = 0; i < People.Length; i++)
            {
                using var http = api.CreateClientWithToken(tokens[People[i]]);
                using var response = await send(http);
                var status = (int)response.StatusCode;
                var actual = status is 401 or 403 or 404 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "ok";
                if (actual != expect[i])
                {
                    wrong.Add($"{name} by {People[i]}: expected {expect[i]}, got {status} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private async Task<string> ApprovedProxyTokenAsync(string subject)
    {
        var proxy = TestNhsNumbers.Next();
        using var asProxy = api.CreateClientWithToken(api.PatientToken(proxy));
        using var requested = await asProxy.PostAsJsonAsync("/proxies", new { subjectNhsNumber = subject, kind = "POA" });
        var id = (await requested.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString();
        using var approved = await api.CreateClient().PostAsync($"/proxies/{id}/approve", null);
        Assert.True(approved.IsSuccessStatusCode);
        return api.PatientToken(proxy);
    }

    private async Task<string> AnalystTokenAsync()
    {
        const string Redirect = "http://localhost:5998/callback";
        const string Password = "matrix analyst password";
        using var admin = api.CreateClient();
        await api.Services.GetRequiredService<ClientRegistry>().AddAsync(new ClientInput("matrix-staff-tool", "X26", "Staff tool", null, null,
            ["registry.monitoring", "system/AuditEvent.rs", "registry.admin"], [Redirect]), "tests", default);
        await admin.PostAsJsonAsync("/admin/users", new { userName = "matrix.analyst", password = Password, roles = new[] { "analyst" } });
        using var flow = new SignInFlow(api.ServerAddress, "matrix-staff-tool", Redirect);
        return (await flow.TokenAsync("matrix.analyst", Password, "registry.monitoring system/AuditEvent.rs registry.admin")).AccessToken;
    }
}
