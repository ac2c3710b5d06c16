using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FhirAdapters.Json;
using FhirAdapters.Validation;
using Hl7.Fhir.Model;

namespace ConsentRegistry.Benchmarks;

/// <summary>
/// Reading, writing and validating a real-world-shaped Consent, against System.Text.Json's generic DOM on the
/// same bytes as the baseline (what any JSON reader must do at least).
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
    }

    [GlobalCleanup]
    public void Cleanup() => _document?.Dispose();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("read")]
    public int ReadGenericDom()
    {
        using var document = JsonDocument.Parse(_json);
        return (int)document.RootElement.ValueKind;
    }

    [Benchmark]
    [BenchmarkCategory("read")]
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
}
