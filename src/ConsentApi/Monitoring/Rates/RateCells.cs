namespace ConsentApi.Monitoring.Rates;

/// <summary>
/// Counts per practice × policy × sex × five-year age band: active objectors, new objections and withdrawals. The
/// practice is its number in <see cref="PopulationAttribution"/>; people with no registration are counted apart.
/// </summary>
public sealed class RateCells(int policies)
{
    public const int Bands = 19;
    public const int Active = 0;
    public const int New = 1;
    public const int Withdrawn = 2;

    private readonly Dictionary<int, long[]> practices = [];
    private readonly long[] unattributed = new long[3 * policies];

    public int Policies => policies;
    public IEnumerable<int> Practices => practices.Keys;

    public static int Band(int dayYear, int birthYear) => Math.Clamp((dayYear - birthYear) / 5, 0, Bands - 1);

    public static string BandLabel(int band) => band == Bands - 1 ? "90+" : $"{band * 5}_{band * 5 + 4}";

    public void Add(int measure, int practice, int policy, bool female, int band, long by)
    {
        if (!practices.TryGetValue(practice, out var counts))
        {
            counts = new long[3 * policies * 2 * Bands];
            practices[practice] = counts;
        }

        counts[Offset(measure, policy, female, band)] += by;
    }

    public void AddUnattributed(int measure, int policy, long by) => unattributed[measure * policies + policy] += by;

    public long Get(int measure, int practice, int policy, bool female, int band) =>
        practices.TryGetValue(practice, out var counts) ? counts[Offset(measure, policy, female, band)] : 0;

    /// <summary>A practice's raw counts (index them with <see cref="Offset"/>), or null when it has none.</summary>
    public long[]? CountsOf(int practice) => practices.GetValueOrDefault(practice);

    public long Unattributed(int measure, int policy) => unattributed[measure * policies + policy];

    /// <summary>A copy holding only the active objectors (the starting point for the next day's incremental run).</summary>
    public RateCells ActiveOnly()
    {
        var copy = new RateCells(policies);
        var activeLength = policies * 2 * Bands;
        foreach (var (practice, counts) in practices)
        {
            var copied = new long[counts.Length];
            Array.Copy(counts, copied, activeLength);
            copy.practices[practice] = copied;
        }

        Array.Copy(unattributed, copy.unattributed, policies);
        return copy;
    }

    public int Offset(int measure, int policy, bool female, int band) => ((measure * policies + policy) * 2 + (female ? 1 : 0)) * Bands + band;
}
