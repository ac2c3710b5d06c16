namespace ConsentApi.Synthetic;

/// <summary>One injected anomaly as it came out: where, which week (and its Monday), and how many objections it moved or added.</summary>
public sealed class InjectedAnomaly
{
    public required string Kind { get; init; }
    public string? Practice { get; init; }
    public required int Week { get; init; }
    public required string WeekStart { get; init; }
    public required double Size { get; init; }
    public long Objections { get; set; }
}
