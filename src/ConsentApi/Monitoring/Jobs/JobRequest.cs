namespace ConsentApi.Monitoring.Jobs;

/// <summary>Staff asking for a run now: the day to compute (default yesterday, UTC).</summary>
public sealed record JobRequest(string? Day);
