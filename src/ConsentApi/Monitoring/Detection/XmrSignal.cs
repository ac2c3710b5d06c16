namespace ConsentApi.Monitoring.Detection;

/// <summary>The highest-priority rule the latest point of a series takes part in, and whether it is a rise or a fall.</summary>
public readonly record struct XmrSignal(SpcRule Rule, bool Up);
