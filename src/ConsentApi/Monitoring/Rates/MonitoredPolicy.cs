using ConsentApi.Policies;

namespace ConsentApi.Monitoring.Rates;

/// <summary>
/// A policy whose objections are monitored: one that permits by default, so an active deny under it is an
/// objection. <see cref="Index"/> is its place in the catalogue; the probe purpose is the first it governs.
/// </summary>
public sealed record MonitoredPolicy(int Number, int Index, string Id, string Title, string? ProbeSystem, string ProbeCode)
{
    public static IReadOnlyList<MonitoredPolicy> From(PolicyCatalogue catalogue) =>
        [.. catalogue.Policies.Select((p, i) => (Policy: p, Index: i))
            .Where(x => x.Policy.DefaultDecision == "permit" && x.Policy.Purposes.Count > 0)
            .Select((x, n) => new MonitoredPolicy(n, x.Index, x.Policy.Id, x.Policy.Title, x.Policy.Purposes[0].System, x.Policy.Purposes[0].Code))];
}
