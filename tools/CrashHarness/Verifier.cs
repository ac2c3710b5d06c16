using System.Globalization;
using System.Text.Json;
using FhirAdapters.Json;
using Hl7.Fhir.Model;

namespace CrashHarness;

/// <summary>
/// What must hold after a restart: every acknowledged version is there with what it said (a deleted one answers 410);
/// each Consent's history runs 1, 2, 3... with no gap and every version readable; and for every person the decision
/// ($evaluate from the rebuilt in-memory index) agrees with their current Consent in the database.
/// </summary>
public static class Verifier
{
    public static async Task<List<string>> CheckAsync(HttpClient http, IReadOnlyCollection<AckedWrite> acked, IReadOnlyList<string> patients, CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (var resource in acked.GroupBy(a => a.ResourceId))
        {
            var history = FhirJson.Parse<Bundle>(await http.GetStringAsync($"fhir/Consent/{resource.Key}/_history?_count=1000", ct));
            var versions = (history.Entry ?? []).Select(e => int.Parse(e.Response!.Etag!.Trim('W', '/', '"'), CultureInfo.InvariantCulture)).Order().ToList();
            if (!versions.SequenceEqual(Enumerable.Range(1, versions.Count)))
            {
                problems.Add($"Consent/{resource.Key} has versions {string.Join(",", versions)}: not 1..n.");
            }

            foreach (var write in resource)
            {
                using var response = await http.GetAsync($"fhir/Consent/{write.ResourceId}/_history/{write.VersionId}", ct);
                if (write.Deleted ? (int)response.StatusCode != 410 : !response.IsSuccessStatusCode)
                {
                    problems.Add($"Acknowledged {(write.Deleted ? "deletion" : "version")} Consent/{write.ResourceId}/_history/{write.VersionId} answers {(int)response.StatusCode}.");
                }
                else if (!write.Deleted && FhirJson.Parse<Consent>(await response.Content.ReadAsStringAsync(ct)).Status?.GetLiteral() != write.Status)
                {
                    problems.Add($"Consent/{write.ResourceId}/_history/{write.VersionId} no longer says status {write.Status}.");
                }
            }
        }

        foreach (var nhs in patients)
        {
            var current = await WriteDriver.CurrentAsync(http, nhs, ct);
            var expected = current?.Status?.GetLiteral() == "active" ? "deny" : "permit";
            using var decision = JsonDocument.Parse(await http.GetStringAsync($"fhir/Consent/$evaluate?patient={nhs}&purpose=HRESCH&actor=RR8", ct));
            var actual = decision.RootElement.GetProperty("parameter").EnumerateArray()
                .First(p => p.GetProperty("name").GetString() == "decision").GetProperty("valueCode").GetString();
            if (actual != expected)
            {
                problems.Add($"{nhs}: the decision index says {actual}, but the database's current Consent ({current?.Id ?? "none"}, {current?.Status?.GetLiteral() ?? "-"}) means {expected}.");
            }
        }

        return problems;
    }
}
