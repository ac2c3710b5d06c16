namespace ConsentApi.Monitoring.Detection;

/// <summary>What judging one week of a policy's panel found, how many practices could be judged, and the dispersion used at each level.</summary>
public sealed record PanelJudgement(IReadOnlyList<Finding> Findings, int PracticesJudged, IReadOnlyDictionary<string, double> Dispersions);
