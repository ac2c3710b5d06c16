namespace ConsentApi.Monitoring.Detection;

/// <summary>One unit (a practice) on a funnel plot: its events (objectors) out of its population (list size).</summary>
public readonly record struct FunnelPoint(string Area, long Events, long Population);
