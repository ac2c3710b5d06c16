using System.Text;
using ConsentApi.Identity;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using FhirAdapters.Tests.Builders;

namespace ConsentApi.Tests.Identity;

/// <summary>
/// Every endpoint against every client scope and no token at all: exactly the scope an endpoint names lets a client
/// through; any other scope gets 403 naming it; no token gets 401; public endpoints answer everyone.
/// </summary>
public sealed class AuthorizationMatrixTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private const string Anonymous = "(no token)";

    private static readonly string[] Scopes =
        [RegistryScopes.ConsentRead, RegistryScopes.ConsentWrite, RegistryScopes.AuditRead, RegistryScopes.Decisions, RegistryScopes.Monitoring, RegistryScopes.Admin];

    [Fact]
    public async Task Endpoints_WhenCalledWithEachScope_ThenOnlyTheNamedScopeIsLetThrough()
    {
        var builder = new ConsentBuilder();
        var created = await api.CreateFhirClient().CreateAsync(builder.Build());
        var id = created.Resource.Id!;
        var toDelete = (await api.CreateFhirClient().CreateAsync(new ConsentBuilder().Build())).Resource.Id!;
        var nhs = builder.NhsNumber;
        var endpoints = Endpoints(id, toDelete, nhs, FhirJson.Serialize(created.Resource));

        var wrong = new List<string>();
        foreach (var scope in Scopes.Append(Anonymous))
        {
            using var http = scope == Anonymous ? api.CreateAnonymousClient()
                : api.CreateClientWithToken(await api.TokenAsync(ApiFactory.TestClientId, api.TestClientKey, scope));
            foreach (var (method, path, body, needs) in endpoints)
            {
                using var request = new HttpRequestMessage(method, path);
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, path.Contains("check-opt-outs", StringComparison.Ordinal) ? "text/plain"
                        : path.StartsWith("/fhir", StringComparison.Ordinal) ? "application/fhir+json" : "application/json");
                }

                using var response = await http.SendAsync(request);
                var status = (int)response.StatusCode;
                var expected = needs is null || needs == scope ? "allowed" : scope == Anonymous ? "401" : "403";
                var actual = status is 401 or 403 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "allowed";
                if (expected != actual)
                {
                    wrong.Add($"{method} {path} with {scope}: expected {expected}, got {status} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private static List<(HttpMethod Method, string Path, string? Body, string? Needs)> Endpoints(string id, string toDelete, string nhs, string consentJson) =>
    [
        (HttpMethod.Get, "/fhir/metadata", null, null),
        (HttpMethod.Get, "/.well-known/smart-configuration", null, null),
        (HttpMethod.Get, "/.well-known/openid-configuration", null, null),
        (HttpMethod.Get, "/.well-known/jwks.json", null, null),
        (HttpMethod.Get, "/policies", null, null),
        (HttpMethod.Get, "/register/disclosures", null, null),
        (HttpMethod.Get, "/cds-services", null, null),
        (HttpMethod.Get, "/health/live", null, null),
        (HttpMethod.Get, "/fhir/Consent?_count=1", null, RegistryScopes.ConsentRead),
        (HttpMethod.Post, "/fhir/Consent/_search", null, RegistryScopes.ConsentRead),
        (HttpMethod.Get, "/fhir/Consent/_history?_count=1", null, RegistryScopes.ConsentRead),
        (HttpMethod.Get, $"/fhir/Consent/{id}", null, RegistryScopes.ConsentRead),
        (HttpMethod.Get, $"/fhir/Consent/{id}/_history", null, RegistryScopes.ConsentRead),
        (HttpMethod.Get, $"/fhir/Consent/{id}/_history/1", null, RegistryScopes.ConsentRead),
        (HttpMethod.Post, "/fhir/Consent", FhirJson.Serialize(new ConsentBuilder().Build()), RegistryScopes.ConsentWrite),
        (HttpMethod.Put, $"/fhir/Consent/{id}", consentJson, RegistryScopes.ConsentWrite),
        (HttpMethod.Delete, $"/fhir/Consent/{toDelete}", null, RegistryScopes.ConsentWrite),
        (HttpMethod.Get, $"/fhir/AuditEvent?patient={nhs}", null, RegistryScopes.AuditRead),
        (HttpMethod.Get, $"/fhir/Consent/$evaluate?patient={nhs}&purpose=HRESCH&actor=RR8", null, RegistryScopes.Decisions),
        (HttpMethod.Post, "/cds-services/patient-consent-consult", "{}", RegistryScopes.Decisions),
        (HttpMethod.Post, "/fhir/$check-opt-outs?purpose=HOPERAT&disclosure=NONE", $"{nhs},\n", RegistryScopes.Decisions),
        (HttpMethod.Get, "/fhir/$check-opt-outs/status/unknown", null, RegistryScopes.Decisions),
        (HttpMethod.Post, "/objections-considered", "{}", RegistryScopes.Decisions),
        (HttpMethod.Get, $"/objections-considered?nhsNumber={nhs}", null, RegistryScopes.Decisions),
        (HttpMethod.Get, "/objections-considered/summary", null, RegistryScopes.Monitoring),
        (HttpMethod.Post, "/register/disclosures", "{}", RegistryScopes.Admin),
        (HttpMethod.Get, "/admin/clients", null, RegistryScopes.Admin),
        (HttpMethod.Post, "/admin/clients", "{}", RegistryScopes.Admin),
        (HttpMethod.Post, "/admin/clients/nobody/disable", null, RegistryScopes.Admin),
    ];
}
