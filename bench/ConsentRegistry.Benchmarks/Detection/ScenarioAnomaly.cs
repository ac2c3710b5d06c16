namespace ConsentRegistry.Benchmarks.Detection;

/// <summary>
/// An anomaly injected into the scenario, of known size: a spike (one week at <see cref="Multiplier"/> times the
/// practice's expected count), a surge (that multiple for <see cref="Weeks"/> weeks), a drop (objections stop
/// arriving) or an area spike (every practice of a sub-ICB at that multiple for a week).
/// </summary>
public sealed record ScenarioAnomaly(string Kind, string Unit, string Level, int Start, int Weeks, double Multiplier, double ExpectedPerWeek,
    IReadOnlyList<string> Practices);
