using ConsentApi.Monitoring.Investigations;

namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// A flag as the API and the webhook show it: the finding, its investigation's current state (and history when
/// asked), and the later weeks of its episode (when asked).
/// </summary>
public sealed record FlagView(long Id, string Method, string Policy, string Level, string AreaCode, string Period, string Direction, double Observed,
    double Expected, double? Lower95, double? Upper95, double? Lower998, double? Upper998, double? Z, string Summary, DateTimeOffset CreatedAt,
    InvestigationView? Investigation, IReadOnlyList<InvestigationView>? History = null, IReadOnlyList<EpisodeWeek>? LaterWeeks = null)
{
    public static FlagView From(MonitoringFlag f, InvestigationVersion? current, IReadOnlyList<InvestigationVersion>? history = null,
        IReadOnlyList<MonitoringFlag>? later = null) =>
        new(f.Id, f.Method, f.Policy, f.Level, f.AreaCode, f.Period, f.Direction, f.Observed, f.Expected, f.Lower95, f.Upper95, f.Lower998, f.Upper998,
            f.Z, f.Summary, new DateTimeOffset(f.CreatedTicks, TimeSpan.Zero), current is null ? null : InvestigationView.From(current),
            history?.Select(InvestigationView.From).ToList(), later?.Select(EpisodeWeek.From).ToList());
}
