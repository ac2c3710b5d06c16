using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using FhirAdapters.Json;
using Hl7.Fhir.Model;

namespace CrashHarness;

/// <summary>
/// Concurrent writers, each owning a share of the people: they record national data opt-outs, switch them between
/// active and inactive with If-Match, and sometimes delete them, until the registry stops answering. Every 2xx is
/// kept as an acknowledged write for the verifier.
/// </summary>
public sealed class WriteDriver(HttpClient http, IReadOnlyList<string> patients, int writers, int seed)
{
    public const string IdentifierSystem = "https://consentregistry.example/Id/crash-harness";
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource flowing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch since = new();
    private int attempted;
    private int loaded;
    private long firstAckTicks = -1;

    public ConcurrentQueue<AckedWrite> Acked { get; } = new();

    public int Attempted => attempted;

    /// <summary>Completes when every writer has read its people's current state and begun writing.</summary>
    public Task Ready => ready.Task;

    /// <summary>Completes at the first acknowledged write: from then on the registry is taking writes, so a kill lands mid-write.</summary>
    public Task Flowing => flowing.Task;

    /// <summary>How long after the writers began the first write was acknowledged, or null if none was.</summary>
    public TimeSpan? FirstAcknowledged => Interlocked.Read(ref firstAckTicks) is >= 0 and var ticks ? TimeSpan.FromTicks(ticks) : null;

    public Task RunAsync(CancellationToken stop)
    {
        since.Start();
        return Task.WhenAll(Enumerable.Range(0, writers).Select(w => WriterAsync(w, stop)));
    }

    private async Task WriterAsync(int writer, CancellationToken stop)
    {
        var random = new Random(seed + writer);
        var mine = patients.Where((_, i) => i % writers == writer).ToList();
        if (mine.Count == 0)
        {
            MarkLoaded();
            return;
        }

        try
        {
            var state = new Dictionary<string, Consent?>();
            foreach (var nhs in mine)
            {
                state[nhs] = await CurrentAsync(http, nhs, stop);
            }

            MarkLoaded();

            while (!stop.IsCancellationRequested)
            {
                var nhs = mine[random.Next(mine.Count)];
                Interlocked.Increment(ref attempted);
                state[nhs] = await StepAsync(nhs, state[nhs], random, stop);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException or SocketException)
        {
            // The registry was killed (or the round ended): this writer stops; what was acknowledged is in Acked. A kill
            // between the connect and the client reading the connection's address surfaces as a bare SocketException
            // ("Transport endpoint is not connected"), not wrapped in HttpRequestException: CI met it on PostgreSQL.
        }
    }

    private void MarkLoaded()
    {
        if (Interlocked.Increment(ref loaded) == writers)
        {
            ready.TrySetResult();
        }
    }

    private void MarkFlowing()
    {
        Interlocked.CompareExchange(ref firstAckTicks, since.Elapsed.Ticks, -1);
        flowing.TrySetResult();
    }

    private async Task<Consent?> StepAsync(string nhs, Consent? current, Random random, CancellationToken stop)
    {
        if (current is null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "fhir/Consent") { Content = Body(NewConsent(nhs, "active")) };
            request.Headers.Add("If-None-Exist", $"identifier={IdentifierSystem}|{nhs}");
            using var response = await http.SendAsync(request, stop);
            return await AckAsync(nhs, response, stop) ?? await CurrentAsync(http, nhs, stop);
        }

        var version = current.Meta!.VersionId!;
        if (random.NextDouble() < 0.1)
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"fhir/Consent/{current.Id}");
            request.Headers.TryAddWithoutValidation("If-Match", $"W/\"{version}\"");
            using var response = await http.SendAsync(request, stop);
            if (response.IsSuccessStatusCode)
            {
                var deleted = int.Parse(response.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture);
                Acked.Enqueue(new AckedWrite(nhs, current.Id!, deleted, Deleted: true, null));
                MarkFlowing();
                return null;
            }

            return await CurrentAsync(http, nhs, stop);
        }

        var next = NewConsent(nhs, current.Status?.GetLiteral() == "active" ? "inactive" : "active");
        next.Id = current.Id;
        using (var request = new HttpRequestMessage(HttpMethod.Put, $"fhir/Consent/{current.Id}") { Content = Body(next) })
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"W/\"{version}\"");
            using var response = await http.SendAsync(request, stop);
            return await AckAsync(nhs, response, stop) ?? await CurrentAsync(http, nhs, stop);
        }
    }

    private async Task<Consent?> AckAsync(string nhs, HttpResponseMessage response, CancellationToken stop)
    {
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var consent = FhirJson.Parse<Consent>(await response.Content.ReadAsStringAsync(stop));
        Acked.Enqueue(new AckedWrite(nhs, consent.Id!, int.Parse(consent.Meta!.VersionId!, CultureInfo.InvariantCulture), Deleted: false, consent.Status?.GetLiteral()));
        MarkFlowing();
        return consent;
    }

    /// <summary>The person's current harness Consent as the database has it (a search), or null when there is none.</summary>
    public static async Task<Consent?> CurrentAsync(HttpClient http, string nhs, CancellationToken ct)
    {
        var bundle = FhirJson.Parse<Bundle>(await http.GetStringAsync($"fhir/Consent?identifier={IdentifierSystem}|{nhs}", ct));
        return bundle.Entry?.Select(e => e.Resource).OfType<Consent>().SingleOrDefault();
    }

    private static Consent NewConsent(string nhs, string status) => FhirJson.Parse<Consent>($$$"""
        {"resourceType":"Consent","status":"{{{status}}}",
         "identifier":[{"system":"{{{IdentifierSystem}}}","value":"{{{nhs}}}"}],
         "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
         "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
         "patient":{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"{{{nhs}}}"}},
         "dateTime":"2026-11-22T09:00:00Z",
         "policy":[{"uri":"https://consentregistry.example/policy/national-data-opt-out"}],
         "provision":{"type":"deny","purpose":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"HRESCH"},
                                               {"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"HOPERAT"}]}}
        """);

    private static StringContent Body(Consent consent) => new(FhirJson.Serialize(consent), Encoding.UTF8, "application/fhir+json");
}
