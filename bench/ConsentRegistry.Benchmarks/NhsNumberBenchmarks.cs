using System.Globalization;
using BenchmarkDotNet.Attributes;
using FhirAdapters.Primitives;

namespace ConsentRegistry.Benchmarks;

/// <summary>NHS number parsing and Modulus 11 validation, against plain long parsing as the baseline.</summary>
[MemoryDiagnoser]
public class NhsNumberBenchmarks
{
    private const string Number = "9434765919";

    [Benchmark(Baseline = true)]
    public bool ParseLong() => long.TryParse(Number, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    [Benchmark]
    public bool ParseAndCheck() => NhsNumber.TryParse(Number, out _);

    [Benchmark]
    public bool ValidateWithReason() => NhsNumber.Problem(Number) is null;
}
