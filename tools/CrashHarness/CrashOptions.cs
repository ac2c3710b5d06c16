using System.Globalization;

namespace CrashHarness;

/// <summary>How hard to push: how many kill-and-restart rounds, how many concurrent writers over how many people, and the database.</summary>
public sealed record CrashOptions
{
    public string Provider { get; init; } = "Sqlite";
    public int Rounds { get; init; } = 20;
    public int Writers { get; init; } = 8;
    public int Patients { get; init; } = 200;
    public int MinKillMilliseconds { get; init; } = 300;
    public int MaxKillMilliseconds { get; init; } = 2500;
    public int Seed { get; init; } = 20261122;

    /// <summary>A PostgreSQL connection string to a server (and a database it may create databases from) when Provider is Postgres.</summary>
    public string? Postgres { get; init; }

    /// <summary>The registry's built ConsentApi.dll; found under src/ConsentApi/bin when not given.</summary>
    public string? App { get; init; }

    public const string Usage = """
        usage: CrashHarness [--provider Sqlite|Postgres] [--rounds N] [--writers N] [--patients N] [--kill-ms MIN-MAX] [--seed N]
                            [--postgres CONNECTION] [--app path/to/ConsentApi.dll]
          Starts the registry as its own process, drives concurrent writes, kills it with SIGKILL at random moments,
          restarts it and checks that every acknowledged write survived whole, the decision index agrees with the
          database, and the audit chain verifies. --postgres defaults to $CONSENTREGISTRY_TEST_POSTGRES.
        """;

    public static CrashOptions Parse(string[] args)
    {
        var options = new CrashOptions { Postgres = Environment.GetEnvironmentVariable("CONSENTREGISTRY_TEST_POSTGRES") };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--provider" => options with { Provider = value is "Sqlite" or "Postgres" ? value : throw new ArgumentException("--provider is Sqlite or Postgres.") },
                "--rounds" => options with { Rounds = Number(value, 1, 10_000, "--rounds") },
                "--writers" => options with { Writers = Number(value, 1, 256, "--writers") },
                "--patients" => options with { Patients = Number(value, 1, 1_000_000, "--patients") },
                "--seed" => options with { Seed = Number(value, 0, int.MaxValue, "--seed") },
                "--postgres" => options with { Postgres = value },
                "--app" => options with { App = value },
                "--kill-ms" when value.Split('-') is [var min, var max] =>
                    options with { MinKillMilliseconds = Number(min, 10, 600_000, "--kill-ms"), MaxKillMilliseconds = Number(max, 10, 600_000, "--kill-ms") },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
            i++;
        }

        return options.Provider == "Postgres" && string.IsNullOrEmpty(options.Postgres)
            ? throw new ArgumentException("--provider Postgres needs --postgres or CONSENTREGISTRY_TEST_POSTGRES.")
            : options;
    }

    private static int Number(string text, int min, int max, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{text}'.");
}
