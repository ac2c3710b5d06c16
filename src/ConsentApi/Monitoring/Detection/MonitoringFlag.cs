namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// A finding stored: raised once per method, policy, area and period, never changed (its investigation carries what
/// happens next). A finding while the same method, policy, area and direction already has an open investigation is a
/// later week of that flag's episode (<see cref="EpisodeFlagId"/>), with no investigation of its own.
/// </summary>
public sealed class MonitoringFlag
{
    public long Id { get; init; }
    public long RunId { get; init; }
    public required string Method { get; init; }
    public required string Policy { get; init; }
    public required string Level { get; init; }
    public required string AreaCode { get; init; }
    public required string Period { get; init; }

    /// <summary>up or down.</summary>
    public required string Direction { get; init; }
    public double Observed { get; init; }
    public double Expected { get; init; }
    public double? Lower95 { get; init; }
    public double? Upper95 { get; init; }
    public double? Lower998 { get; init; }
    public double? Upper998 { get; init; }
    public double? Z { get; init; }
    public required string Summary { get; init; }
    public long CreatedTicks { get; init; }

    /// <summary>The flag that opened the episode this finding belongs to; null for a flag that opened one.</summary>
    public long? EpisodeFlagId { get; init; }

    public static MonitoringFlag From(Finding f, long runId, long ticks, long? episode = null) => new()
    {
        EpisodeFlagId = episode,
        RunId = runId,
        Method = f.Method,
        Policy = f.Policy,
        Level = f.Level,
        AreaCode = f.Area,
        Period = f.Period,
        Direction = f.Up ? "up" : "down",
        Observed = f.Observed,
        Expected = Math.Round(f.Expected, 4),
        Lower95 = f.Lower95,
        Upper95 = f.Upper95,
        Lower998 = f.Lower998,
        Upper998 = f.Upper998,
        Z = f.Z is { } z && double.IsFinite(z) ? Math.Round(z, 4) : null,
        Summary = f.Summary,
        CreatedTicks = ticks,
    };
}
