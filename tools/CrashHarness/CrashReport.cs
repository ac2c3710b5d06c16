namespace CrashHarness;

/// <summary>What a crash run did and found.</summary>
public sealed record CrashReport(string Provider, int Rounds, int Kills, int WritesAttempted, int WritesAcknowledged, int VersionsChecked, int People,
    bool AuditChainIntact, IReadOnlyList<string> Problems, TimeSpan Elapsed)
{
    public bool Passed => AuditChainIntact && Problems.Count == 0;

    public override string ToString() =>
        $"{Provider}: {Rounds} rounds, {Kills} SIGKILLs, {WritesAttempted:N0} writes attempted, {WritesAcknowledged:N0} acknowledged and checked after every restart "
        + $"({VersionsChecked:N0} version checks), decisions checked for {People} people, audit chain {(AuditChainIntact ? "intact" : "BROKEN")}, "
        + $"{Problems.Count} problems, {Elapsed.TotalSeconds:N0} s."
        + string.Concat(Problems.Take(20).Select(p => Environment.NewLine + "  " + p));
}
