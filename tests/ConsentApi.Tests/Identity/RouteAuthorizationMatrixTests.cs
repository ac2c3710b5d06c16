using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConsentApi.Identity;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using FhirAdapters.Tests.Builders;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Identity;

/// <summary>
/// Every route in the registry's route table (and the conditional headers of Consent writes), called by two patients,
/// an approved proxy of the first, two client systems and a member of staff. Each call must get the expected kind of
/// answer, and no answer to a person may carry the other person's NHS number or Consent id, nor an answer to one client
/// the other client's subscription, export or bulk check. A route the table lacks fails the first test, so a new route
/// cannot arrive without its row here.
/// </summary>
public sealed class RouteAuthorizationMatrixTests(PatientIssuerApiFactory api) : IClassFixture<PatientIssuerApiFactory>
{
    private const string NhsSystem = "https://fhir.nhs.uk/Id/nhs-number";

    /// <summary>Who calls, in the order of each row's expectations.</summary>
    private static readonly string[] Callers = ["A", "B", "proxy of A", "GP 1", "GP 2", "staff"];

    [Fact]
    public void RouteTable_WhenCompared_ThenEveryRouteHasARowAndEveryRowARoute()
    {
        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {Normalise(e.RoutePattern.RawText)}"))
            .ToHashSet(StringComparer.Ordinal);
        var rows = Rows(new World()).Select(r => r.Route).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(routes.Except(rows).Order());
        Assert.Empty(rows.Except(routes).Order());
    }

    [Fact]
    public async Task Routes_WhenCalledByEachKindOfCaller_ThenEachGetsTheExpectedAnswerAndNothingOfAnybodyElses()
    {
        var world = await WorldAsync();
        var wrong = new List<string>();
        foreach (var row in Rows(world))
        {
            for (var i = 0; i < Callers.Length; i++)
            {
                using var http = api.CreateClientWithToken(world.Tokens[Callers[i]]);
                using var response = await row.Send(http);
                var body = await response.Content.ReadAsStringAsync();
                var seen = body + " " + string.Join(" ", response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value));
                var status = (int)response.StatusCode;
                var actual = status is 401 or 403 or 404 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : status >= 500 ? "5xx" : "ok";
                if (actual != row.Expect[i])
                {
                    wrong.Add($"{row.Route} [{row.Variant}] by {Callers[i]}: expected {row.Expect[i]}, got {status} {body[..Math.Min(body.Length, 300)]}");
                }

                // What the caller sent itself is not learned from the answer (a search naming B echoes B in its self link).
                var sent = await SentAsync(response.RequestMessage);
                foreach (var secret in world.SecretsFrom(Callers[i]).Where(s => seen.Contains(s, StringComparison.Ordinal) && !sent.Contains(s, StringComparison.Ordinal)))
                {
                    wrong.Add($"{row.Route} [{row.Variant}] by {Callers[i]}: the answer carries {secret}, which is somebody else's");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private static async Task<string> SentAsync(HttpRequestMessage? request) => request is null ? ""
        : $"{request.RequestUri} {string.Join(" ", request.Headers.SelectMany(h => h.Value))} {(request.Content is null ? "" : await request.Content.ReadAsStringAsync())}";

    private static string Normalise(string? pattern) => "/" + (pattern ?? "").Trim('/');

    /// <summary>The row table. Expectations in <see cref="Callers"/> order: ok (let through, whatever the outcome), 401, 403, 404.</summary>
    private static List<Row> Rows(World w)
    {
        string[] all = ["ok", "ok", "ok", "ok", "ok", "ok"];
        string[] peopleAndClients = ["ok", "ok", "ok", "ok", "ok", "403"];
        string[] unknownToAll = ["404", "404", "404", "404", "404", "404"];
        string[] unknownToStaff = ["403", "403", "403", "403", "403", "404"];
        string[] clients = ["403", "403", "403", "ok", "ok", "403"];
        string[] staffOnly = ["403", "403", "403", "403", "403", "ok"];
        string[] aAndItsProxy = ["ok", "404", "ok", "ok", "ok", "403"];
        string[] bOnly = ["404", "ok", "404", "ok", "ok", "403"];
        string[] firstClient = ["403", "403", "403", "ok", "404", "403"];
        string[] nobody = ["403", "403", "403", "403", "403", "403"];
        return
        [
            new("GET /", "", h => h.GetAsync("/"), all),
            new("* /health", "", h => h.GetAsync("/health"), all),
            new("GET /health/live", "", h => h.GetAsync("/health/live"), all),
            new("GET /health/ready", "", h => h.GetAsync("/health/ready"), all),
            new("GET /fhir/metadata", "", h => h.GetAsync("/fhir/metadata"), all),
            new("GET /.well-known/smart-configuration", "", h => h.GetAsync("/.well-known/smart-configuration"), all),
            new("GET /fhir/.well-known/smart-configuration", "", h => h.GetAsync("/fhir/.well-known/smart-configuration"), all),
            new("GET /fhir/StructureDefinition", "", h => h.GetAsync("/fhir/StructureDefinition"), all),
            new("GET /fhir/StructureDefinition/{id}", "", h => h.GetAsync("/fhir/StructureDefinition/registry-consent"), all),
            new("GET /fhir/ValueSet", "", h => h.GetAsync("/fhir/ValueSet"), all),
            new("GET /fhir/ValueSet/{id}", "", h => h.GetAsync("/fhir/ValueSet/capture-channel"), all),
            new("GET /fhir/CodeSystem", "", h => h.GetAsync("/fhir/CodeSystem"), all),
            new("GET /fhir/CodeSystem/{id}", "", h => h.GetAsync("/fhir/CodeSystem/capture-channel"), all),
            new("GET /.well-known/openid-configuration", "", h => h.GetAsync("/.well-known/openid-configuration"), all),
            new("GET /.well-known/jwks.json", "", h => h.GetAsync("/.well-known/jwks.json"), all),
            new("GET /openapi/{documentName}.json", "", h => h.GetAsync("/openapi/v1.json"), all),
            new("GET /openapi/reference/{documentName?}", "", h => h.GetAsync("/openapi/reference/"), all),
            new("GET /openapi/reference/scalar.js", "", h => h.GetAsync("/openapi/reference/scalar.js"), all),
            new("GET /openapi/reference/scalar.aspnetcore.js", "", h => h.GetAsync("/openapi/reference/scalar.aspnetcore.js"), all),
            new("GET /openapi/reference/favicon.svg", "", h => h.GetAsync("/openapi/reference/favicon.svg"), all),
            new("GET /policies", "", h => h.GetAsync("/policies"), all),
            new("GET /policies/{id}", "", h => h.GetAsync("/policies/national-data-opt-out"), all),
            new("GET /register/disclosures", "", h => h.GetAsync("/register/disclosures"), all),
            new("GET /register/disclosures/{id}", "", h => h.GetAsync($"/register/disclosures/{w.Disclosure}"), all),
            new("POST /register/disclosures", "", h => h.PostAsJsonAsync("/register/disclosures", new { }), ["403", "403", "403", "403", "403", "ok"]),
            new("GET /cds-services", "", h => h.GetAsync("/cds-services"), all),
            new("POST /cds-services/patient-consent-consult", "", h => h.PostAsJsonAsync("/cds-services/patient-consent-consult", new { }), clients),
            new("POST /auth/token", "empty form", h => h.PostAsync("/auth/token", new FormUrlEncodedContent([])), all),
            new("GET /auth/authorize", "", h => h.GetAsync("/auth/authorize"), all),
            new("GET /auth/login", "", h => h.GetAsync("/auth/login"), all),
            new("POST /auth/login", "", h => h.PostAsync("/auth/login", new FormUrlEncodedContent([])), all),
            new("GET /auth/login/two-factor", "", h => h.GetAsync("/auth/login/two-factor"), all),
            new("POST /auth/login/two-factor", "", h => h.PostAsync("/auth/login/two-factor", new FormUrlEncodedContent([])), all),
            new("POST /accounts/register", "", h => h.PostAsJsonAsync("/accounts/register", new { }), all),
            new("GET /accounts/me", "", h => h.GetAsync("/accounts/me"), staffOnly),
            new("POST /accounts/me/two-factor/key", "", h => h.PostAsync("/accounts/me/two-factor/key", null), staffOnly),
            new("POST /accounts/me/two-factor", "", h => h.PostAsJsonAsync("/accounts/me/two-factor", new { code = "000000" }), staffOnly),
            new("GET /admin/users", "", h => h.GetAsync("/admin/users"), staffOnly),
            new("POST /admin/users", "", h => h.PostAsJsonAsync("/admin/users", new { }), staffOnly),
            new("GET /admin/clients", "", h => h.GetAsync("/admin/clients"), staffOnly),
            new("POST /admin/clients", "", h => h.PostAsJsonAsync("/admin/clients", new { }), staffOnly),
            new("POST /admin/clients/{clientId}/disable", "", h => h.PostAsync("/admin/clients/nobody-here/disable", null), unknownToStaff),
            new("POST /admin/clients/{clientId}/enable", "", h => h.PostAsync("/admin/clients/nobody-here/enable", null), unknownToStaff),
            new("POST /admin/signing-keys/rotate", "", h => h.PostAsync("/admin/signing-keys/rotate", null), staffOnly),
            new("POST /admin/list-sizes", "", h => h.PostAsync("/admin/list-sizes", new StringContent("", Encoding.UTF8, "text/csv")), staffOnly),

            new("GET /fhir/Consent", "search", h => h.GetAsync("/fhir/Consent?_count=100"), peopleAndClients),
            // The registrations feed: only a client holding system/Patient.cru (none of these callers).
            new("POST /fhir/Patient", "", h => h.SendJsonAsync(HttpMethod.Post, "/fhir/Patient", "{\"resourceType\":\"Patient\"}"), nobody),
            new("PUT /fhir/Patient", "B", h => h.SendJsonAsync(HttpMethod.Put, $"/fhir/Patient?identifier={NhsSystem}|{w.B}", "{\"resourceType\":\"Patient\"}"), nobody),
            new("GET /fhir/Patient/{id}", "B", h => h.GetAsync($"/fhir/Patient/{w.B}"), nobody),
            new("GET /fhir/Consent", "search naming B", h => h.GetAsync($"/fhir/Consent?patient.identifier={NhsSystem}|{w.B}&_id={w.BConsent}"), peopleAndClients),
            new("POST /fhir/Consent/_search", "", h => h.PostAsync("/fhir/Consent/_search",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["patient.identifier"] = $"{NhsSystem}|{w.B}" })), peopleAndClients),
            new("GET /fhir/Consent/_history", "", h => h.GetAsync("/fhir/Consent/_history?_count=100"), clients),
            new("GET /fhir/Consent/{id}", "A's", h => h.GetAsync($"/fhir/Consent/{w.AConsent}"), aAndItsProxy),
            new("GET /fhir/Consent/{id}", "B's", h => h.GetAsync($"/fhir/Consent/{w.BConsent}"), bOnly),
            new("GET /fhir/Consent/{id}/_history", "moved from B to A", h => h.GetAsync($"/fhir/Consent/{w.Moved}/_history"), peopleAndClients),
            new("GET /fhir/Consent/{id}/_history", "B's", h => h.GetAsync($"/fhir/Consent/{w.BConsent}/_history"), bOnly),
            new("GET /fhir/Consent/{id}/_history/{versionId}", "B's version of the moved one", h => h.GetAsync($"/fhir/Consent/{w.Moved}/_history/1"), bOnly),
            new("GET /fhir/Consent/{id}/_history/{versionId}", "A's version of the moved one", h => h.GetAsync($"/fhir/Consent/{w.Moved}/_history/2"), aAndItsProxy),
            new("POST /fhir/Consent", "for B", h => h.SendJsonAsync(HttpMethod.Post, "/fhir/Consent",
                FhirJson.Serialize(new ConsentBuilder(w.B).WithPolicy("research-contact").Build())), ["403", "ok", "403", "ok", "ok", "403"]),
            new("POST /fhir/Consent", "for A, If-None-Exist naming B's id", h => h.SendJsonAsync(HttpMethod.Post, "/fhir/Consent",
                FhirJson.Serialize(new ConsentBuilder(w.A).WithPolicy("type-1").Build()),
                headers: new Dictionary<string, string> { ["If-None-Exist"] = $"_id={w.BConsent}", ["Prefer"] = "return=representation" }), ["ok", "403", "ok", "ok", "ok", "403"]),
            new("POST /fhir/Consent", "for A, If-None-Exist naming B", h => h.SendJsonAsync(HttpMethod.Post, "/fhir/Consent",
                FhirJson.Serialize(new ConsentBuilder(w.A).WithPolicy("type-1").Build()),
                headers: new Dictionary<string, string> { ["If-None-Exist"] = $"patient.identifier={NhsSystem}|{w.B}", ["Prefer"] = "return=minimal" }),
                ["ok", "403", "ok", "ok", "ok", "403"]),
            new("PUT /fhir/Consent/{id}", "A's", h => h.SendJsonAsync(HttpMethod.Put, $"/fhir/Consent/{w.AConsent}", w.AConsentJson), aAndItsProxy),
            new("PUT /fhir/Consent/{id}", "B's, stale If-Match", h => h.SendJsonAsync(HttpMethod.Put, $"/fhir/Consent/{w.BConsent}", w.BConsentJson,
                headers: new Dictionary<string, string> { ["If-Match"] = "W/\"99\"" }), bOnly),
            new("DELETE /fhir/Consent/{id}", "B's, stale If-Match", h => SendAsync(h, HttpMethod.Delete, $"/fhir/Consent/{w.BConsent}", ("If-Match", "W/\"99\"")), bOnly),
            new("GET /fhir/AuditEvent", "A's", h => h.GetAsync($"/fhir/AuditEvent?patient={w.A}"), ["ok", "403", "ok", "ok", "ok", "ok"]),
            new("GET /fhir/AuditEvent", "B's", h => h.GetAsync($"/fhir/AuditEvent?patient={w.B}"), ["403", "ok", "403", "ok", "ok", "ok"]),
            new("POST /fhir/Consent/$validate", "B's", h => h.SendJsonAsync(HttpMethod.Post, "/fhir/Consent/$validate",
                FhirJson.Serialize(new ConsentBuilder(w.B).Build())), peopleAndClients),
            new("GET /fhir/Consent/$evaluate", "", h => h.GetAsync($"/fhir/Consent/$evaluate?patient={w.B}&purpose=HRESCH&actor=RR8"), clients),
            new("POST /fhir/Consent/$evaluate", "", h => h.SendJsonAsync(HttpMethod.Post, "/fhir/Consent/$evaluate", "{}"), clients),
            new("POST /fhir/$check-opt-outs", "", h => h.PostAsync("/fhir/$check-opt-outs?purpose=HOPERAT&disclosure=NONE",
                new StringContent($"{w.B},\n", Encoding.UTF8, "text/plain")), clients),
            new("GET /fhir/$check-opt-outs/status/{id}", "GP 1's", h => h.GetAsync($"/fhir/$check-opt-outs/status/{w.BulkCheck}"), firstClient),
            new("DELETE /fhir/$check-opt-outs/status/{id}", "GP 1's, unknown", h => h.DeleteAsync("/fhir/$check-opt-outs/status/unknown"),
                ["403", "403", "403", "404", "404", "403"]),
            new("GET /fhir/$export", "", h => SendAsync(h, HttpMethod.Get, "/fhir/$export?_type=Consent", ("Prefer", "respond-async")), clients),
            new("GET /fhir/Patient/$export", "", h => SendAsync(h, HttpMethod.Get, "/fhir/Patient/$export?_type=Consent", ("Prefer", "respond-async")), clients),
            new("GET /fhir/$export-status/{id}", "GP 1's", h => h.GetAsync($"/fhir/$export-status/{w.Export}"), firstClient),
            new("DELETE /fhir/$export-status/{id}", "unknown", h => h.DeleteAsync("/fhir/$export-status/unknown"), ["403", "403", "403", "404", "404", "403"]),
            new("GET /fhir/$export-file/{id}/{file}", "GP 1's", h => h.GetAsync($"/fhir/$export-file/{w.Export}/Consent-1.ndjson"), firstClient),
            new("POST /fhir/Subscription", "", h => h.SendJsonAsync(HttpMethod.Post, "/fhir/Subscription", "{}"), clients),
            new("GET /fhir/Subscription", "", h => h.GetAsync("/fhir/Subscription"), clients),
            new("GET /fhir/Subscription/{id}", "GP 1's", h => h.GetAsync($"/fhir/Subscription/{w.Subscription}"), firstClient),
            new("PUT /fhir/Subscription/{id}", "GP 1's", h => h.SendJsonAsync(HttpMethod.Put, $"/fhir/Subscription/{w.Subscription}", w.SubscriptionJson), firstClient),
            new("DELETE /fhir/Subscription/{id}", "unknown", h => h.DeleteAsync("/fhir/Subscription/unknown"), ["403", "403", "403", "404", "404", "403"]),
            new("POST /objections-considered", "", h => h.PostAsJsonAsync("/objections-considered", new { }), clients),
            new("GET /objections-considered", "B's", h => h.GetAsync($"/objections-considered?nhsNumber={w.B}"), clients),
            new("GET /objections-considered/mine", "", h => h.GetAsync("/objections-considered/mine"), ["ok", "ok", "ok", "403", "403", "403"]),
            new("GET /objections-considered/summary", "", h => h.GetAsync("/objections-considered/summary"), staffOnly),
            new("POST /proxies", "for a stranger", h => h.PostAsJsonAsync("/proxies", new { subjectNhsNumber = TestNhsNumbers.Next(), kind = "GUARDIAN" }),
                ["ok", "ok", "ok", "403", "403", "ok"]),
            new("GET /proxies", "", h => h.GetAsync("/proxies"), ["ok", "ok", "ok", "403", "403", "ok"]),
            new("POST /proxies/{id}/approve", "unknown", h => h.PostAsync("/proxies/unknown/approve", null), ["403", "403", "403", "403", "403", "404"]),
            new("POST /proxies/{id}/reject", "unknown", h => h.PostAsync("/proxies/unknown/reject", null), ["403", "403", "403", "403", "403", "404"]),
            new("POST /proxies/{id}/end", "unknown", h => h.PostAsync("/proxies/unknown/end", null), ["404", "404", "404", "403", "403", "404"]),
            new("GET /monitoring/summary", "", h => h.GetAsync("/monitoring/summary"), unknownToStaff), // nothing computed in this registry
            new("GET /monitoring/rates", "", h => h.GetAsync("/monitoring/rates"), unknownToStaff), // nothing computed in this registry
            new("GET /monitoring/rates.csv", "", h => h.GetAsync("/monitoring/rates.csv"), unknownToStaff), // nothing computed in this registry
            new("GET /monitoring/funnel", "", h => h.GetAsync("/monitoring/funnel"), unknownToStaff), // nothing computed in this registry
            new("GET /monitoring/practices/{ods}/series", "", h => h.GetAsync("/monitoring/practices/A81001/series"), unknownToStaff), // nothing computed in this registry
            new("GET /monitoring/practices/{ods}/list-sizes", "", h => h.GetAsync("/monitoring/practices/A81001/list-sizes"), unknownToStaff), // nothing computed in this registry
            new("GET /monitoring/list-size-imports", "", h => h.GetAsync("/monitoring/list-size-imports"), staffOnly),
            new("GET /monitoring/flags", "", h => h.GetAsync("/monitoring/flags/"), staffOnly),
            new("GET /monitoring/flags/{id:long}", "unknown", h => h.GetAsync("/monitoring/flags/999999"), ["403", "403", "403", "403", "403", "404"]),
            new("POST /monitoring/flags/{id:long}/investigation", "unknown", h => h.PostAsJsonAsync("/monitoring/flags/999999/investigation", new { }),
                ["403", "403", "403", "403", "403", "404"]),
            new("GET /monitoring/jobs/runs", "", h => h.GetAsync("/monitoring/jobs/runs"), staffOnly),
            new("GET /monitoring/jobs/runs/{id:long}", "unknown", h => h.GetAsync("/monitoring/jobs/runs/999999"), ["403", "403", "403", "403", "403", "404"]),
            new("POST /monitoring/jobs/{job}/runs", "bad day", h => h.PostAsJsonAsync("/monitoring/jobs/rates/runs", new { day = "not-a-day" }), staffOnly),
        ];
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, (string Name, string Value) header)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        return await http.SendAsync(request);
    }

    /// <summary>
    /// Two people with Consents, one Consent moved from B to A by a GP system (so its history is half each's), a proxy
    /// of A, two client systems (the first with a subscription, a bulk check and an export of its own) and staff.
    /// </summary>
    private async Task<World> WorldAsync()
    {
        var gp1 = await api.TokenAsync(ApiFactory.TestClientId, api.TestClientKey, ClientScopes);
        using var gp1Http = api.CreateClientWithToken(gp1);
        var a = new ConsentBuilder();
        var b = new ConsentBuilder();
        var fhir = api.CreateFhirClient();
        var aConsent = (await fhir.CreateAsync(a.Build())).Resource;
        var bConsent = (await fhir.CreateAsync(b.Build())).Resource;
        var moved = (await fhir.CreateAsync(new ConsentBuilder(b.NhsNumber).WithPolicy("direct-care-sharing").Build())).Resource;
        var movedToA = new ConsentBuilder(a.NhsNumber).WithPolicy("direct-care-sharing").Build();
        movedToA.Id = moved.Id;
        await fhir.UpdateAsync(movedToA);

        var subscription = await fhir.CreateAsync(new SubscriptionBuilder($"Consent?patient.identifier={NhsSystem}|{b.NhsNumber}", "http://127.0.0.1:9/hook").Build());
        const string Disclosure = "ROUTE-MATRIX";
        using var admin = api.CreateClient();
        using var registered = await admin.PostAsync("/register/disclosures", new StringContent($$"""
            {"id":"{{Disclosure}}","recipientOds":"RR8","recipientName":"Test research unit","purpose":"HRESCH","legalBasis":null,
             "dataDescription":"Test extract","optOutsApply":true}
            """, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        using var bulkRequest = new HttpRequestMessage(HttpMethod.Post, $"/fhir/$check-opt-outs?purpose=HRESCH&disclosure={Disclosure}")
        {
            Content = new StringContent($"{b.NhsNumber},\n", Encoding.UTF8, "text/plain"),
        };
        bulkRequest.Headers.Add("Prefer", "respond-async");
        using var bulk = await gp1Http.SendAsync(bulkRequest);
        using var export = await SendAsync(gp1Http, HttpMethod.Get, "/fhir/$export?_type=Consent", ("Prefer", "respond-async"));
        var exportStatus = Location(export);
        await Eventually.TrueAsync(async () => exportStatus is not null && (await gp1Http.GetAsync(exportStatus)).StatusCode == HttpStatusCode.OK, "GP 1's export");

        using var key = TestClientKey.Rsa();
        var gp2Id = "gp-two-" + Guid.NewGuid().ToString("N")[..8];
        await api.Services.GetRequiredService<ClientRegistry>().AddAsync(new ClientInput(gp2Id, "B82005", "Second GP system", key.PublicJwks(), null,
            ClientScopes.Split(' ')), "tests", default);

        return new World
        {
            A = a.NhsNumber,
            B = b.NhsNumber,
            AConsent = aConsent.Id!,
            BConsent = bConsent.Id!,
            AConsentJson = FhirJson.Serialize(aConsent),
            BConsentJson = FhirJson.Serialize(bConsent),
            Moved = moved.Id!,
            Subscription = subscription.Resource.Id!,
            SubscriptionJson = FhirJson.Serialize(subscription.Resource),
            BulkCheck = IdFrom(bulk),
            Export = IdFrom(export),
            Tokens = new Dictionary<string, string>
            {
                ["A"] = api.PatientToken(a.NhsNumber),
                ["B"] = api.PatientToken(b.NhsNumber),
                ["proxy of A"] = await ProxyTokenAsync(a.NhsNumber),
                ["GP 1"] = gp1,
                ["GP 2"] = await api.TokenAsync(gp2Id, key, ClientScopes),
                ["staff"] = await StaffTokenAsync(),
            },
        };
    }

    private static string? Location(HttpResponseMessage response) =>
        response.Content.Headers.ContentLocation?.ToString()
        ?? (response.Headers.TryGetValues("Content-Location", out var values) ? values.First() : null);

    private static string IdFrom(HttpResponseMessage response) =>
        Location(response)?.Split('/')[^1] ?? throw new InvalidOperationException($"No Content-Location: {(int)response.StatusCode}");

    private const string ClientScopes = "system/Consent.rs system/Consent.cud system/AuditEvent.rs system/Subscription.cruds registry.decisions";

    private async Task<string> ProxyTokenAsync(string subject)
    {
        var proxy = TestNhsNumbers.Next();
        using var asProxy = api.CreateClientWithToken(api.PatientToken(proxy));
        using var requested = await asProxy.PostAsJsonAsync("/proxies", new { subjectNhsNumber = subject, kind = "POA" });
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var approved = await api.CreateClient().PostAsync($"/proxies/{id}/approve", null);
        Assert.True(approved.IsSuccessStatusCode);
        return api.PatientToken(proxy);
    }

    private async Task<string> StaffTokenAsync()
    {
        const string Redirect = "http://localhost:5997/callback";
        const string Password = "route matrix staff password";
        await api.Services.GetRequiredService<ClientRegistry>().AddAsync(new ClientInput("route-matrix-staff-tool", "X26", "Staff tool", null, null,
            [RegistryScopes.Monitoring, RegistryScopes.AuditRead, RegistryScopes.Admin], [Redirect]), "tests", default);
        using var admin = api.CreateClient();
        using var created = await admin.PostAsJsonAsync("/admin/users", new { userName = "route.matrix.staff", password = Password, roles = new[] { "analyst", "administrator" } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        using var flow = new SignInFlow(api.ServerAddress, "route-matrix-staff-tool", Redirect);
        return (await flow.TokenAsync("route.matrix.staff", Password, $"{RegistryScopes.Monitoring} {RegistryScopes.AuditRead} {RegistryScopes.Admin}")).AccessToken;
    }

    private sealed record Row(string Route, string Variant, Func<HttpClient, Task<HttpResponseMessage>> Send, string[] Expect);

    private sealed class World
    {
        public string A { get; init; } = "";
        public string B { get; init; } = "";
        public string AConsent { get; init; } = "";
        public string BConsent { get; init; } = "";
        public string AConsentJson { get; init; } = "";
        public string BConsentJson { get; init; } = "";
        public string Moved { get; init; } = "";
        public string Subscription { get; init; } = "";
        public string SubscriptionJson { get; init; } = "";
        public string BulkCheck { get; init; } = "";
        public string Export { get; init; } = "";
        public string Disclosure { get; init; } = "ROUTE-MATRIX";
        public Dictionary<string, string> Tokens { get; init; } = [];

        /// <summary>What the caller must never see: the other person's identifiers, or the other client's own things.</summary>
        public IEnumerable<string> SecretsFrom(string caller) => caller switch
        {
            "A" or "proxy of A" => [B, BConsent],
            "B" => [A, AConsent],
            "GP 2" => [Subscription, BulkCheck, Export],
            _ => [],
        };
    }
}
