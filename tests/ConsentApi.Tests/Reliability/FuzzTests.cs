using System.Globalization;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Tests.Builders;

namespace ConsentApi.Tests.Reliability;

/// <summary>
/// Generated malformed and hostile requests against every public endpoint of the API. Pass: no 5xx; every FHIR
/// error an OperationOutcome with a message; the service healthy afterwards; and no data changed beyond the writes
/// that were acknowledged (a Consent nobody targeted is untouched). CONSENTREGISTRY_FUZZ_CASES sets the cases per
/// endpoint (30 in the test command; the long run in docs/reliability.md uses 1,000) and CONSENTREGISTRY_FUZZ_SEED the seed.
/// </summary>
public sealed class FuzzTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    public static readonly string[] Endpoints =
        ["create", "update", "search", "read", "post-search", "evaluate", "bulk-check", "token", "cds-hooks", "subscription", "audit", "method"];

    [Fact]
    public async Task Fuzz_WhenEveryEndpointGetsMalformedAndHostileRequests_ThenNo5xxOutcomesForErrorsAndNothingElseChanges()
    {
        var cases = int.Parse(Environment.GetEnvironmentVariable("CONSENTREGISTRY_FUZZ_CASES") ?? "30", CultureInfo.InvariantCulture);
        var seed = int.Parse(Environment.GetEnvironmentVariable("CONSENTREGISTRY_FUZZ_SEED") ?? "9434765", CultureInfo.InvariantCulture);
        var fhir = api.CreateFhirClient();
        var untouched = (await fhir.CreateAsync(new ConsentBuilder().Build())).Resource;
        var target = (await fhir.CreateAsync(new ConsentBuilder().Build())).Resource;
        var versionsBefore = await api.CountAsync("SELECT count(*) FROM consent_versions");
        var generator = new BadRequests(seed, target.Id!);
        using var http = api.CreateClient();
        var failures = new List<string>();
        var writes = 0;
        var sent = 0;

        foreach (var endpoint in Endpoints)
        {
            for (var i = 0; i < cases; i++)
            {
                var fuzz = generator.Next(endpoint);
                using var request = fuzz.ToRequest();
                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(request);
                }
                catch (HttpRequestException ex)
                {
                    failures.Add($"no answer ({ex.Message}) for {fuzz}");
                    continue;
                }

                using var _ = response;
                var body = await response.Content.ReadAsStringAsync();
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{(int)response.StatusCode} for {fuzz}\n→ {Clip(body)}");
                }
                else if (fuzz.IsFhir && (int)response.StatusCode >= 400 && !IsOutcome(body) && !RefusedByWebServer(fuzz, response))
                {
                    failures.Add($"{(int)response.StatusCode} without an OperationOutcome for {fuzz}\n→ {Clip(body)}");
                }
                else if (response.IsSuccessStatusCode && fuzz.Method is "POST" or "PUT" or "DELETE" && fuzz.Path.StartsWith("/fhir/Consent", StringComparison.Ordinal)
                    && !fuzz.Path.Contains('$', StringComparison.Ordinal) && !fuzz.Path.Contains("_search", StringComparison.Ordinal))
                {
                    writes++;
                }
            }
        }

        using var health = await http.GetAsync("/health");
        var after = (await fhir.ReadAsync<Consent>(untouched.Id!)).Resource;
        var versionsAfter = await api.CountAsync("SELECT count(*) FROM consent_versions");

        Assert.True(failures.Count == 0, $"seed {seed}, {sent} requests, {failures.Count} failures:\n\n" + string.Join("\n\n", failures.Take(10)));
        Assert.True(health.IsSuccessStatusCode, await health.Content.ReadAsStringAsync());
        Assert.Equal(FhirJson.Serialize(untouched), FhirJson.Serialize(after));
        Assert.InRange(versionsAfter - versionsBefore, 0, writes);
    }

    /// <summary>
    /// Kestrel answers a request line it cannot accept (a NUL in the path) with a bare 400 before any of the registry's
    /// code runs; docs/reliability.md lists it. Nothing else may answer without an OperationOutcome.
    /// </summary>
    private static bool RefusedByWebServer(FuzzCase fuzz, HttpResponseMessage response) =>
        response.StatusCode == System.Net.HttpStatusCode.BadRequest && fuzz.Path.Contains("%00", StringComparison.Ordinal)
        && response.Content.Headers.ContentLength is 0 or null;

    private static bool IsOutcome(string body)
    {
        try
        {
            return FhirJson.Parse<Resource>(body) is OperationOutcome { Issue.Count: > 0 } outcome
                && outcome.Issue.All(i => !string.IsNullOrWhiteSpace(i.Diagnostics) && !i.Diagnostics.Contains("   at ", StringComparison.Ordinal));
        }
        catch (FhirAdapters.Json.FhirParseException)
        {
            return false;
        }
    }

    private static string Clip(string text) => text.Length > 500 ? text[..500] + "..." : text;
}
