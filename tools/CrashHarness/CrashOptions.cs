using System.CommandLine;
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

    /// <summary>
    /// The harness's root command: the crash run's options, checked by the parser, handed to <paramref name="run"/>.
    /// </summary>
    public static RootCommand Command(Func<CrashOptions, CancellationToken, Task<int>> run)
    {
        var defaults = new CrashOptions();
        var provider = HarnessOptions.Provider();
        var rounds = HarnessOptions.Whole("--rounds", "kill-and-restart rounds", defaults.Rounds, 1, 10_000);
        var writers = HarnessOptions.Whole("--writers", "concurrent writers", defaults.Writers, 1, 256);
        var patients = HarnessOptions.Whole("--patients", "people the writers share", defaults.Patients, 1, 1_000_000);
        var seed = HarnessOptions.Whole("--seed", "random seed", defaults.Seed, 0, int.MaxValue);
        var kill = new Option<string>("--kill-ms")
        {
            Description = "MIN-MAX: milliseconds of writing before each kill, picked at random in the range",
            DefaultValueFactory = _ => $"{defaults.MinKillMilliseconds}-{defaults.MaxKillMilliseconds}",
        };
        kill.Validators.Add(r => HarnessOptions.Check(r, KillRange(r.GetValueOrDefault<string>()) is not null,
            "--kill-ms must be MIN-MAX, two whole numbers of milliseconds from 10 to 600000 with MIN <= MAX"));
        var postgres = HarnessOptions.Postgres();
        var app = HarnessOptions.App();
        var command = new RootCommand(
            "Starts the registry as its own process, drives concurrent writes, kills it with SIGKILL at random moments, restarts it and " +
            "checks that every acknowledged write survived whole, the decision index agrees with the database, and the audit chain verifies.")
        {
            provider, rounds, writers, patients, kill, seed, postgres, app,
        };
        HarnessOptions.NeedPostgresServer(command, provider, postgres);
        command.SetAction((parsed, ct) =>
        {
            var (min, max) = KillRange(parsed.GetValue(kill))!.Value;
            return run(new CrashOptions
            {
                Provider = parsed.GetValue(provider)!,
                Rounds = parsed.GetValue(rounds),
                Writers = parsed.GetValue(writers),
                Patients = parsed.GetValue(patients),
                Seed = parsed.GetValue(seed),
                MinKillMilliseconds = min,
                MaxKillMilliseconds = max,
                Postgres = parsed.GetValue(postgres),
                App = parsed.GetValue(app),
            }, ct);
        });
        return command;
    }

    private static (int Min, int Max)? KillRange(string? text) =>
        text?.Split('-') is [var min, var max]
        && int.TryParse(min, NumberStyles.None, CultureInfo.InvariantCulture, out var low)
        && int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var high)
        && low is >= 10 and <= 600_000 && high is >= 10 and <= 600_000 && low <= high
            ? (low, high)
            : null;
}
