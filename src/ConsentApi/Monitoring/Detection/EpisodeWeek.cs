namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// A later finding in a flag's episode, as staff read it under the flag: a later week of the same unit, or a practice
/// (or smaller area) grouped under an area flagged the same week; when, where, by which method, what was seen
/// against what was expected.
/// </summary>
public sealed record EpisodeWeek(long Id, string Period, string Method, string Level, string AreaCode, double Observed, double Expected, double? Z,
    string Summary)
{
    public static EpisodeWeek From(MonitoringFlag f) => new(f.Id, f.Period, f.Method, f.Level, f.AreaCode, f.Observed, f.Expected, f.Z, f.Summary);
}
