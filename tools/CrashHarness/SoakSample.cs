namespace CrashHarness;

/// <summary>One interval of a soak: requests finished in it, their latency percentiles, and the server's state at its end.</summary>
public sealed record SoakSample(int AtSeconds, int Requests, double P50, double P95, double P99, long WorkingSetMb, int Handles, int Threads, string Health);
