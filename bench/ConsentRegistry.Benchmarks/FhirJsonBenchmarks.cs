using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FhirAdapters.Json;
using FhirAdapters.Validation;
using Hl7.Fhir.Model;

namespace ConsentRegistry.Benchmarks;

/// <summary>
/// Reading, writing and validating a real-world-shaped Consent with the Firely SDK, against a raw
/// <see cref="Utf8JsonReader"/> pass over the same bytes as the baseline (what any JSON reader must do at least).
/// Parse and validate together is what every create and update pays.
/// </summary>
[MemoryDiagnoser]
public class FhirJsonBenchmarks
{
    private byte[] _json = [];
    private Consent _consent = new();
    private JsonDocument? _document;

    [GlobalSetup]
    public void Setup()
    {
        _json = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "type1-objection.json"));
        _consent = FhirJson.Parse<Consent>(_json);
        _document = JsonDocument.Parse(_json);
        ProfileValidator.Warm(); // compiles the profiles once, outside every measurement
    }

    [GlobalCleanup]
    public void Cleanup() => _document?.Dispose();

    [Benchmark(Baseline = true)]
    public int RawReaderPass()
    {
        var reader = new Utf8JsonReader(_json);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark]
    public int ReadGenericDom()
    {
        using var document = JsonDocument.Parse(_json);
        return (int)document.RootElement.ValueKind;
    }

    [Benchmark]
    public Consent ReadConsent() => FhirJson.Parse<Consent>(_json);

    [Benchmark]
    public byte[] WriteGenericDom()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            _document!.WriteTo(writer);
        }

        return stream.ToArray();
    }

    [Benchmark]
    public byte[] WriteConsent() => FhirJson.SerializeToUtf8Bytes(_consent);

    [Benchmark]
    public int ValidateConsent() => ConsentValidator.Validate(_consent).Count;

    [Benchmark]
    public int ParseAndValidateConsent() => ConsentValidator.Validate(FhirJson.Parse<Consent>(_json)).Count;
}
