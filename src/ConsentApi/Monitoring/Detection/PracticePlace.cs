namespace ConsentApi.Monitoring.Detection;

/// <summary>Where a practice sits: its sub-ICB, ICB and region codes.</summary>
public sealed record PracticePlace(string SubIcb, string Icb, string Region);
