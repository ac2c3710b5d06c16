using BenchmarkDotNet.Running;
using ConsentRegistry.Benchmarks;

// "accuracy" prints the detection accuracy report (docs/monitoring.md); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "accuracy")
{
    AccuracyReport.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(NhsNumberBenchmarks).Assembly).Run(args);
