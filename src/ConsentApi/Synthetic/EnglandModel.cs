namespace ConsentApi.Synthetic;

/// <summary>
/// The published shape of England the synthetic population follows (shared reference: england-scale.md and
/// rate-monitoring.md): 6,229 practices averaging 9,724 patients with a right-skewed spread, 7 NHS England regions,
/// 42 ICBs, 106 sub-ICB locations, national data opt-out ~5% (women above men, ages 30-49 highest), Type 1 ~3%.
/// The age profile is an approximation of England's registered population.
/// </summary>
public static class EnglandModel
{
    public const int Practices = 6229;
    public const double MeanListSize = 9724;
    public const double ListSizeSigma = 0.55;
    public const int Icbs = 42;
    public const int SubIcbs = 106;
    public const double NationalOptOutRate = 0.05;
    public const double TypeOneRate = 0.03;

    /// <summary>Share of objectors whose choice predates the history window.</summary>
    public const double ObjectedBeforeWindow = 0.7;

    /// <summary>Share of objectors who later withdraw (a new version with status inactive).</summary>
    public const double WithdrawalShare = 0.04;

    /// <summary>NHS England commissioning regions: ODS code, name, share of practices.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, double Share)> Regions =
    [
        ("Y56", "London", 0.17), ("Y58", "South West", 0.10), ("Y59", "South East", 0.16), ("Y60", "Midlands", 0.19),
        ("Y61", "East of England", 0.11), ("Y62", "North West", 0.13), ("Y63", "North East and Yorkshire", 0.14),
    ];

    /// <summary>Five-year age bands (lower bound) and their approximate share of registered patients.</summary>
    public static readonly IReadOnlyList<(int From, double Share)> AgeBands =
    [
        (0, 0.054), (5, 0.059), (10, 0.060), (15, 0.057), (20, 0.060), (25, 0.066), (30, 0.069), (35, 0.067), (40, 0.063),
        (45, 0.063), (50, 0.068), (55, 0.067), (60, 0.059), (65, 0.050), (70, 0.048), (75, 0.035), (80, 0.023), (85, 0.014), (90, 0.008),
    ];

    public const double FemaleShare = 0.505;

    /// <summary>Relative opt-out propensity by sex (5.53% women, 4.41% men after June 2021).</summary>
    public static double SexFactor(bool female) => female ? 1.11 : 0.89;

    /// <summary>Relative opt-out propensity by age: highest at 30-49, low for children (a proxy must act).</summary>
    public static double AgeFactor(int age) => age switch
    {
        < 13 => 0.35,
        < 30 => 0.95,
        < 50 => 1.45,
        < 70 => 1.0,
        _ => 0.75,
    };
}
