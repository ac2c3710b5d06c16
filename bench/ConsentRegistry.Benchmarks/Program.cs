using BenchmarkDotNet.Running;
using ConsentRegistry.Benchmarks;
using ConsentRegistry.Benchmarks.Detection;

// "accuracy [practices] [seed]" prints the detection accuracy report (bench/detection.sh, docs/monitoring.md);
// anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "accuracy")
{
    var culture = System.Globalization.CultureInfo.InvariantCulture;
    AccuracyReport.Print(args.Length > 2 ? int.Parse(args[2], culture) : 2013, args.Length > 1 ? int.Parse(args[1], culture) : 3000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(NhsNumberBenchmarks).Assembly).Run(args);
