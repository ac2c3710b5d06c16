namespace ConsentApi.Monitoring.Detection;

/// <summary>A finding stored: raised once per method, policy, area and period, never changed (its investigation carries what happens next).</summary>
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

    public static MonitoringFlag From(Finding f, long runId, long ticks) => new()
    {
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
