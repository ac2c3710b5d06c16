using System.Diagnostics;
using System.Diagnostics.Metrics;
using ConsentApi.Audit;

namespace ConsentApi.Operations;

/// <summary>
/// The registry's own metrics and trace source (docs: README "Operating it"), beside what the ASP.NET Core, HttpClient
/// and runtime instrumentations give (requests and latency by route and status, rate-limit refusals, GC, threads).
/// Labels are kinds and outcomes only: never a person, a number or a token.
/// </summary>
public sealed class RegistryMetrics
{
    public const string Name = "ConsentRegistry";

    /// <summary>The trace source for work that is not a request: monitoring runs, webhook deliveries.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> decisions;
    private readonly Histogram<long> bulkCheckSize;
    private readonly Histogram<double> jobDuration;
    private readonly Counter<long> jobFailures;
    private readonly Histogram<double> indexLag;

    public RegistryMetrics(IMeterFactory meters, AuditLog audit)
    {
        var meter = meters.Create(Name);
        decisions = meter.CreateCounter<long>("consentregistry.decisions", "{decision}", "Decisions made, by kind (evaluate, cds, bulk-check) and outcome.");
        bulkCheckSize = meter.CreateHistogram<long>("consentregistry.bulk_check.size", "{nhs_number}", "NHS numbers in each bulk opt-out check.");
        jobDuration = meter.CreateHistogram<double>("consentregistry.job.duration", "s", "Monitoring runs' durations, by job and outcome.");
        jobFailures = meter.CreateCounter<long>("consentregistry.job.failures", "{run}", "Monitoring runs that failed, by job.");
        indexLag = meter.CreateHistogram<double>("consentregistry.decision_index.lag", "s",
            "How long after a Consent version was written this node's decision index applied it from the log (writes made on this node apply at once).");
        meter.CreateObservableGauge("consentregistry.audit.queue_depth", () => audit.Queued, "{entry}",
            "Audit entries accepted and not yet committed to the chain.");
    }

    public void Decided(string kind, bool permit, bool overridden, long count = 1) =>
        decisions.Add(count, new KeyValuePair<string, object?>("kind", kind),
            new KeyValuePair<string, object?>("outcome", permit ? overridden ? "permit-objection-overridden" : "permit" : "deny"));

    public void BulkChecked(long numbers) => bulkCheckSize.Record(numbers);

    public void IndexCaughtUp(TimeSpan behind) => indexLag.Record(Math.Max(0, behind.TotalSeconds));

    public void JobRan(string job, TimeSpan took, bool succeeded)
    {
        jobDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("job", job),
            new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));
        if (!succeeded)
        {
            jobFailures.Add(1, new KeyValuePair<string, object?>("job", job));
        }
    }
}
