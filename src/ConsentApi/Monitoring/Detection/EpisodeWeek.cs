namespace ConsentApi.Monitoring.Detection;

/// <summary>A later finding in a flag's episode, as staff read it under the flag: when, what was seen against what was expected.</summary>
public sealed record EpisodeWeek(long Id, string Period, double Observed, double Expected, double? Z, string Summary)
{
    public static EpisodeWeek From(MonitoringFlag f) => new(f.Id, f.Period, f.Observed, f.Expected, f.Z, f.Summary);
}
