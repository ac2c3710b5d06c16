using BenchmarkDotNet.Running;
using ConsentRegistry.Benchmarks;
using ConsentRegistry.Benchmarks.Detection;

// "accuracy [practices] [seed]" prints the detection accuracy report (bench/detection.sh, docs/monitoring.md);
// "tokens url pem client scope seconds connections" loads the token endpoint (bench/identity.sh);
// anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "accuracy")
{
    var culture = System.Globalization.CultureInfo.InvariantCulture;
    AccuracyReport.Print(args.Length > 2 ? int.Parse(args[2], culture) : 2013, args.Length > 1 ? int.Parse(args[1], culture) : 3000);
    return;
}

if (args.Length == 7 && args[0] == "tokens")
{
    var culture = System.Globalization.CultureInfo.InvariantCulture;
    await ConsentRegistry.Benchmarks.Identity.TokenLoad.RunAsync(args[1], args[2], args[3], args[4], int.Parse(args[5], culture), int.Parse(args[6], culture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(NhsNumberBenchmarks).Assembly).Run(args);
