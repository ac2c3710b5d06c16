using System.Globalization;
using System.Text;

namespace CrashHarness;

/// <summary>What a soak measured: requests and errors, and per interval the latency percentiles, memory, open handles and /health.</summary>
public sealed record SoakReport(int Seconds, int Rate, long Requests, long Errors, IReadOnlyList<string> FirstErrors, IReadOnlyList<SoakSample> Samples)
{
    /// <summary>
    /// Zero errors, /health healthy at every sample, and open handles flat once warm: over the second half of the run
    /// they grow by no more than 20. The first half is warm-up (the thread pool, connection pools and caches fill to
    /// the load), which a short run cannot tell from a leak; a leak keeps growing with the requests, so it shows in the
    /// second half too.
    /// </summary>
    public bool Passed => Errors == 0 && Samples.All(s => s.Health == "Healthy") && Samples.Count >= 2 && Samples[^1].Handles <= Samples[Samples.Count / 2].Handles + 20;

    public override string ToString()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"Soak: {Seconds} s at {Rate} requests/s: {Requests:N0} requests, {Errors:N0} errors."));
        text.AppendLine().AppendLine("| at | requests | p50 ms | p95 ms | p99 ms | working set MB | handles | threads | /health |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var s in Samples)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {s.AtSeconds} s | {s.Requests:N0} | {s.P50:F1} | {s.P95:F1} | {s.P99:F1} | {s.WorkingSetMb:N0} | {s.Handles} | {s.Threads} | {s.Health} |"));
        }

        foreach (var error in FirstErrors)
        {
            text.AppendLine("  " + error);
        }

        return text.ToString();
    }
}
