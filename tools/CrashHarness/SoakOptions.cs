using System.Globalization;

namespace CrashHarness;

/// <summary>A soak: how long, at what steady request rate, over how many people, on which database.</summary>
public sealed record SoakOptions
{
    public int Seconds { get; init; } = 600;
    public int Rate { get; init; } = 100;
    public int Patients { get; init; } = 500;
    public int SampleSeconds { get; init; } = 10;
    public string Provider { get; init; } = "Sqlite";
    public string? Postgres { get; init; }
    public string? App { get; init; }

    public const string Usage = """
        usage: CrashHarness soak [--seconds N] [--rate REQUESTS_PER_SECOND] [--patients N] [--sample-seconds N] [--provider Sqlite|Postgres] [--postgres CONNECTION]
          Runs mixed traffic ($evaluate, searches, reads, updates, creates, audit) at a steady rate against the registry as
          its own process, and reports errors, latency percentiles per interval, memory, open handles and /health.
        """;

    public static SoakOptions Parse(string[] args)
    {
        var options = new SoakOptions { Postgres = Environment.GetEnvironmentVariable("CONSENTREGISTRY_TEST_POSTGRES") };
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--seconds" => options with { Seconds = Number(value, 5, 86_400, "--seconds") },
                "--rate" => options with { Rate = Number(value, 1, 10_000, "--rate") },
                "--patients" => options with { Patients = Number(value, 10, 100_000, "--patients") },
                "--sample-seconds" => options with { SampleSeconds = Number(value, 1, 3600, "--sample-seconds") },
                "--provider" => options with { Provider = value is "Sqlite" or "Postgres" ? value : throw new ArgumentException("--provider is Sqlite or Postgres.") },
                "--postgres" => options with { Postgres = value },
                "--app" => options with { App = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }

    private static int Number(string text, int min, int max, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{text}'.");
}
