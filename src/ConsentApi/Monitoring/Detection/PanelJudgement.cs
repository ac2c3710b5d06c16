namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// What judging one week of a policy's panel found, how many practices could be judged, the dispersion used at each
/// level and the nation's level that week against its usual (1 = as usual).
/// </summary>
public sealed record PanelJudgement(IReadOnlyList<Finding> Findings, int PracticesJudged, IReadOnlyDictionary<string, double> Dispersions,
    double NationalFactor);
