using System.Net;
using ConsentApi.Operations;
using FhirAdapters.Tests.Builders;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace ConsentApi.Tests.Operations;

/// <summary>
/// Telemetry over real HTTP: the scrape needs the administration scope, the registry's own metrics are in it, and no
/// NHS number or token sent in a request reaches a span, a metric or a log line.
/// </summary>
public sealed class TelemetryTests(TelemetryApiFactory api) : IClassFixture<TelemetryApiFactory>
{
    [Fact]
    public async Task Metrics_WhenScrapedWithoutAToken_Then401_AndWithTheAdministrationScopeTheRegistrysOwnMetricsAreThere()
    {
        using var anonymous = api.CreateAnonymousClient();
        using var fhir = api.CreateFhirHttpClient();
        using var evaluated = await fhir.GetAsync($"Consent/$evaluate?patient={TestNhsNumbers.Next()}&purpose=HRESCH&actor=X25");

        using var refused = await anonymous.GetAsync(TelemetryExtensions.MetricsPath);
        var scraped = await ScrapeAsync();

        Assert.Equal(HttpStatusCode.OK, evaluated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("consentregistry_decisions", scraped, StringComparison.Ordinal);
        Assert.Contains("outcome=\"permit\"", scraped, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", scraped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telemetry_WhenRequestsNameAPerson_ThenNoNhsNumberOrTokenIsInAnySpanMetricOrLogLine()
    {
        var consent = new ConsentBuilder(TestNhsNumbers.Next()).WithPolicy("national-data-opt-out");
        var nhs = consent.NhsNumber;
        await api.CreateFhirClient().CreateAsync(consent.Build());
        using var fhir = api.CreateFhirHttpClient();
        using var search = await fhir.GetAsync($"Consent?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|{nhs}");
        using var evaluate = await fhir.GetAsync($"Consent/$evaluate?patient={nhs}&purpose=HRESCH&actor=X25");
        using var patient = await fhir.GetAsync($"Patient/{nhs}");

        api.Services.GetRequiredService<TracerProvider>().ForceFlush();
        var spans = api.Spans.Select(s => s.DisplayName + " " + string.Join(" ", s.TagObjects.Select(t => $"{t.Key}={t.Value}"))).ToList();
        var metrics = await ScrapeAsync();
        var token = fhir.DefaultRequestHeaders.Authorization?.Parameter ?? "";

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (search.StatusCode, evaluate.StatusCode));
        Assert.Contains(spans, s => s.Contains("/fhir/Consent/$evaluate", StringComparison.Ordinal) || s.Contains("Consent/$evaluate", StringComparison.Ordinal));
        Assert.DoesNotContain(spans, s => s.Contains(nhs, StringComparison.Ordinal));
        Assert.DoesNotContain(nhs, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Logs.Lines, l => l.Contains(nhs, StringComparison.Ordinal));
        Assert.NotEmpty(token);
        Assert.DoesNotContain(spans, s => s.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(api.Logs.Lines, l => l.Contains(token, StringComparison.Ordinal));
    }

    private async Task<string> ScrapeAsync()
    {
        using var staff = api.CreateClient();
        using var response = await staff.GetAsync(TelemetryExtensions.MetricsPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
