using System.Globalization;

namespace ConsentApi.Synthetic;

/// <summary>What to generate: scale, seed, the history window, anomalies and where to write the CSV and manifest.</summary>
public sealed class GenerateOptions
{
    public double Scale { get; init; } = 1.0;
    public int Seed { get; init; } = 20131;
    public int Weeks { get; init; } = 104;

    /// <summary>The Monday after the last week of history (fixed by default, so runs are reproducible).</summary>
    public DateOnly End { get; init; } = new(2026, 11, 2);
    public string OutputDirectory { get; init; } = "synthetic";
    public IReadOnlyList<AnomalySpec> Anomalies { get; init; } = [];

    public DateOnly WindowStart => End.AddDays(-7 * Weeks);

    public const string Usage = """
        dotnet run --project src/ConsentApi -- generate [options]
          --scale X          fraction of England's 6,229 practices (0 < X <= 1; default 1 = ~64M patients)
          --seed N           random seed (default 20131); the same seed and options give the same data
          --weeks N          weeks of history ending at --end (default 104)
          --end YYYY-MM-DD   the Monday after the last week (default 2026-11-02)
          --out DIR          where the list-size CSVs and anomaly manifest go (default ./synthetic)
          --spike P:W:N      N extra national data opt-outs at practice P (ODS code or #index) in week W
          --surge W:F        national surge: new opt-outs in week W multiplied by F everywhere
          --drop P:W:N       supplier fault: practice P's new objections in weeks W..W+N-1 arrive at week W+N
        """;

    /// <summary>Parses command-line arguments; throws <see cref="ArgumentException"/> with a message naming the bad one.</summary>
    public static GenerateOptions Parse(IReadOnlyList<string> args)
    {
        double scale = 1.0;
        int seed = 20131, weeks = 104;
        var end = new DateOnly(2026, 11, 2);
        var output = "synthetic";
        var anomalies = new List<AnomalySpec>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--scale":
                    scale = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 1
                        ? s
                        : throw new ArgumentException($"--scale must be a number above 0 and at most 1, not '{value}'.");
                    break;
                case "--seed":
                    seed = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                        ? n
                        : throw new ArgumentException($"--seed must be a whole number, not '{value}'.");
                    break;
                case "--weeks":
                    weeks = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w is >= 12 and <= 520
                        ? w
                        : throw new ArgumentException($"--weeks must be a whole number from 12 to 520, not '{value}'.");
                    break;
                case "--end":
                    end = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e) && e.DayOfWeek == DayOfWeek.Monday
                        ? e
                        : throw new ArgumentException($"--end must be a Monday as YYYY-MM-DD, not '{value}'.");
                    break;
                case "--out":
                    output = value;
                    break;
                case "--spike" or "--surge" or "--drop":
                    anomalies.Add(AnomalySpec.Parse(name[2..], value));
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        var options = new GenerateOptions { Scale = scale, Seed = seed, Weeks = weeks, End = end, OutputDirectory = output, Anomalies = anomalies };
        foreach (var anomaly in anomalies.Where(a => a.Week >= weeks))
        {
            throw new ArgumentException($"--{anomaly.Kind} week {anomaly.Week} is outside the {weeks} weeks of history (0..{weeks - 1}).");
        }

        return options;
    }
}
