using System.CommandLine;

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

    private static readonly string[] AnomalyKinds = ["spike", "surge", "drop"];

    /// <summary>
    /// Reads generate's options from command-line arguments through the command's own grammar; throws
    /// <see cref="ArgumentException"/> naming the bad one.
    /// </summary>
    public static GenerateOptions Parse(IReadOnlyList<string> args)
    {
        var command = GenerateCommand.Definition();
        var parsed = command.Parse(args);
        return parsed.Errors.Count > 0 ? throw new ArgumentException(string.Join(" ", parsed.Errors.Select(e => e.Message))) : From(parsed);
    }

    /// <summary>The options of a parsed <c>generate</c> command line (its checks have passed).</summary>
    public static GenerateOptions From(ParseResult parsed)
    {
        T Value<T>(string name) => parsed.GetValue<T>(name)!;
        var anomalies = AnomalyKinds
            .SelectMany(kind => (parsed.GetValue<string[]>("--" + kind) ?? []).Select(v => (Index: Position(parsed, v), Spec: AnomalySpec.Parse(kind, v))))
            .OrderBy(a => a.Index).Select(a => a.Spec).ToList();
        var options = new GenerateOptions
        {
            Scale = Value<double>("--scale"),
            Seed = Value<int>("--seed"),
            Weeks = Value<int>("--weeks"),
            End = Value<DateOnly>("--end"),
            OutputDirectory = Value<string>("--out"),
            Anomalies = anomalies,
        };
        foreach (var anomaly in anomalies.Where(a => a.Week >= options.Weeks))
        {
            throw new ArgumentException($"--{anomaly.Kind} week {anomaly.Week} is outside the {options.Weeks} weeks of history (0..{options.Weeks - 1}).");
        }

        return options;
    }

    /// <summary>Where a value stands on the command line, so anomalies keep the order they were given in.</summary>
    private static int Position(ParseResult parsed, string value) => parsed.Tokens.Select(t => t.Value).ToList().IndexOf(value);
}
