namespace ConsentApi.Monitoring.Jobs;

/// <summary>The jobs staff can see and trigger.</summary>
public static class JobNames
{
    public const string Rates = "rates";
    public const string Detection = "detection";

    public static readonly IReadOnlyList<string> All = [Rates, Detection];
}
