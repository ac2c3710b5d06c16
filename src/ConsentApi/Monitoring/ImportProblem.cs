namespace ConsentApi.Monitoring;

/// <summary>What is wrong with one line of an imported file.</summary>
public sealed record ImportProblem(string File, int Line, string Problem);
