using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FhirAdapters.Json;
using Hl7.Fhir.Model;

namespace CrashHarness;

/// <summary>
/// A soak: the registry as its own process, a few hundred people with choices, then requests started at a steady rate
/// (open loop: a slow answer does not slow the arrivals) in a fixed mix: 40% $evaluate, 25% search by person, 15% read,
/// 10% update, 5% create, 5% audit search. Every interval it records latency percentiles, the server's working set,
/// open file handles and threads (from /proc), and what /health says.
/// </summary>
public static class SoakRun
{
    /// <summary>The client's connections to the registry: the soak's requests share them.</summary>
    public const int Connections = 8;

    public static async Task<SoakReport> RunAsync(SoakOptions options, TextWriter log, CancellationToken ct)
    {
        var data = Path.Combine(Path.GetTempPath(), "consent-registry-soak", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var database = options.Provider == "Postgres" ? await CrashRun.CreateDatabaseAsync(options.Postgres!) : null;
        try
        {
            using var registry = new RegistryProcess(options.App ?? CrashRun.FindApp(), options.Provider, data, database);
            using var client = new HarnessClient();
            await CrashRun.RegisterAsync(registry, client, data, ct);
            await registry.StartAsync();
            // A fixed number of connections, all opened before the first sample: otherwise a stall on a busy machine (CI runs
            // other tests beside this) left requests in flight, the client opened more connections, the server's database
            // pool grew to serve them, and that one-off step (26 handles in one CI run; sockets and database files when
            // reproduced under load) read as a leak.
            using var http = await client.ConnectAsync(registry.Address, Connections);
            var random = new Random(7);
            var people = CrashRun.Patients(random, options.Patients + options.Rate * options.Seconds / 20 + 10);
            var consents = new ConcurrentDictionary<string, string>();
            foreach (var nhs in people.Take(options.Patients))
            {
                consents[nhs] = await CreateAsync(http, nhs, ct) ?? throw new InvalidOperationException($"Seeding {nhs} failed.");
            }

            await Task.WhenAll(Enumerable.Range(0, Connections * 4).Select(async i =>
            {
                using var warm = await http.GetAsync($"fhir/Consent?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|{people[i % options.Patients]}", ct);
            }));

            var fresh = new ConcurrentQueue<string>(people.Skip(options.Patients));
            var latencies = new ConcurrentQueue<double>();
            var errors = new ConcurrentQueue<string>();
            long requests = 0, failed = 0;
            var samples = new List<SoakSample>();
            var running = new List<Task>();
            var clock = Stopwatch.StartNew();
            var interval = TimeSpan.FromSeconds(1.0 / options.Rate);
            var nextSample = TimeSpan.FromSeconds(options.SampleSeconds);
            for (long i = 0; clock.Elapsed < TimeSpan.FromSeconds(options.Seconds); i++)
            {
                var due = interval * i;
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, ct);
                }

                var roll = random.Next(100);
                var nhs = people[random.Next(options.Patients)];
                running.Add(Task.Run(async () =>
                {
                    var watch = Stopwatch.StartNew();
                    var error = await OneAsync(http, roll, nhs, consents, fresh, ct);
                    latencies.Enqueue(watch.Elapsed.TotalMilliseconds);
                    Interlocked.Increment(ref requests);
                    if (error is not null)
                    {
                        Interlocked.Increment(ref failed);
                        if (errors.Count < 20)
                        {
                            errors.Enqueue(error);
                        }
                    }
                }, ct));
                if (clock.Elapsed >= nextSample)
                {
                    samples.Add(await SampleAsync(registry, http, (int)clock.Elapsed.TotalSeconds, latencies, ct));
                    await log.WriteLineAsync(samples[^1].ToString());
                    nextSample += TimeSpan.FromSeconds(options.SampleSeconds);
                    running.RemoveAll(t => t.IsCompleted);
                }
            }

            await Task.WhenAll(running);
            samples.Add(await SampleAsync(registry, http, (int)clock.Elapsed.TotalSeconds, latencies, ct));
            registry.Kill();
            return new SoakReport(options.Seconds, options.Rate, requests, failed, [.. errors], samples);
        }
        finally
        {
            if (database is not null)
            {
                await CrashRun.DropDatabaseAsync(options.Postgres!, database);
            }

            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>One request of the mix; null when it succeeded, else what went wrong.</summary>
    private static async Task<string?> OneAsync(HttpClient http, int roll, string nhs, ConcurrentDictionary<string, string> consents, ConcurrentQueue<string> fresh,
        CancellationToken ct)
    {
        try
        {
            if (roll < 5)
            {
                return fresh.TryDequeue(out var person) ? (await CreateAsync(http, person, ct) is { } id ? Remember(consents, person, id) : $"create for {person} failed") : null;
            }

            var path = roll switch
            {
                < 45 => $"fhir/Consent/$evaluate?patient={nhs}&purpose=HRESCH&actor=RR8",
                < 70 => $"fhir/Consent?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|{nhs}",
                < 85 => $"fhir/Consent/{consents[nhs]}",
                < 95 => null,
                _ => $"fhir/AuditEvent?patient={nhs}&_count=10",
            };
            using var response = path is not null
                ? await http.GetAsync(path, ct)
                : await http.PutAsync($"fhir/Consent/{consents[nhs]}", Body(nhs, roll % 2 == 0 ? "active" : "inactive", consents[nhs]), ct);
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} for {path ?? "PUT Consent/" + consents[nhs]}: {await response.Content.ReadAsStringAsync(ct)}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return $"no answer: {ex.Message}";
        }
    }

    private static string? Remember(ConcurrentDictionary<string, string> consents, string nhs, string id)
    {
        consents[nhs] = id;
        return null;
    }

    private static async Task<string?> CreateAsync(HttpClient http, string nhs, CancellationToken ct)
    {
        using var response = await http.PostAsync("fhir/Consent", Body(nhs, "active", null), ct);
        return response.IsSuccessStatusCode ? FhirJson.Parse<Consent>(await response.Content.ReadAsStringAsync(ct)).Id : null;
    }

    private static StringContent Body(string nhs, string status, string? id) => new($$$"""
        {"resourceType":"Consent",{{{(id is null ? "" : $"\"id\":\"{id}\",")}}}"status":"{{{status}}}",
         "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
         "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
         "patient":{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"{{{nhs}}}"}},
         "dateTime":"2026-11-22T09:00:00Z","policy":[{"uri":"https://consentregistry.example/policy/national-data-opt-out"}],
         "provision":{"type":"deny","purpose":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"HRESCH"}]}}
        """, Encoding.UTF8, "application/fhir+json");

    private static async Task<SoakSample> SampleAsync(RegistryProcess registry, HttpClient http, int at, ConcurrentQueue<double> latencies, CancellationToken ct)
    {
        var window = new List<double>();
        while (latencies.TryDequeue(out var ms))
        {
            window.Add(ms);
        }

        window.Sort();
        double Percentile(double p) => window.Count == 0 ? 0 : window[Math.Min(window.Count - 1, (int)Math.Ceiling(p * window.Count) - 1)];
        var pid = registry.ProcessId ?? 0;
        var status = File.ReadAllLines($"/proc/{pid}/status");
        long Field(string name) => long.Parse(status.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        using var health = JsonDocument.Parse(await http.GetStringAsync("health", ct));
        return new SoakSample(at, window.Count, Percentile(0.5), Percentile(0.95), Percentile(0.99), Field("VmRSS:") / 1024,
            Directory.GetFiles($"/proc/{pid}/fd").Length, (int)Field("Threads:"), health.RootElement.GetProperty("status").GetString()!);
    }
}
