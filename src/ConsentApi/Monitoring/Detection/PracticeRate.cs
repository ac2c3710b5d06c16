namespace ConsentApi.Monitoring.Detection;

/// <summary>A practice's active objectors and list size under one policy on one day, with its region for the regional funnel.</summary>
public readonly record struct PracticeRate(string Ods, string Region, long Objectors, long ListSize);
