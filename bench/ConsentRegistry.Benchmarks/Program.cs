using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ConsentRegistry.Benchmarks.NhsNumberBenchmarks).Assembly).Run(args);
