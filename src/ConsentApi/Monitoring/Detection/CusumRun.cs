namespace ConsentApi.Monitoring.Detection;

/// <summary>Where a CUSUM stands after its last week: the sum, the week its current run began (−1 when at zero), and the run's observed and expected totals.</summary>
public readonly record struct CusumRun(double Sum, int Start, double Observed, double Expected);
