namespace ConsentApi.Synthetic;

/// <summary>What a run generated, and the anomalies it injected (written as the manifest for scoring detection).</summary>
public sealed class GenerationSummary
{
    public required int Seed { get; init; }
    public required double Scale { get; init; }
    public required string WindowStart { get; init; }
    public required string End { get; init; }
    public int Practices { get; set; }
    public long Patients { get; set; }
    public long NationalOptOuts { get; set; }
    public long TypeOneObjections { get; set; }
    public long Withdrawals { get; set; }
    public long ConsentVersions { get; set; }
    public double Seconds { get; set; }
    public List<InjectedAnomaly> Anomalies { get; } = [];
}
