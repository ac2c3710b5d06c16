using System.CommandLine;

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

    /// <summary>The <c>soak</c> command: its options, checked by the parser, handed to <paramref name="run"/>.</summary>
    public static Command Command(Func<SoakOptions, CancellationToken, Task<int>> run)
    {
        var defaults = new SoakOptions();
        var seconds = HarnessOptions.Whole("--seconds", "how long to run", defaults.Seconds, 5, 86_400);
        var rate = HarnessOptions.Whole("--rate", "requests per second", defaults.Rate, 1, 10_000);
        var patients = HarnessOptions.Whole("--patients", "people the traffic is spread over", defaults.Patients, 10, 100_000);
        var sample = HarnessOptions.Whole("--sample-seconds", "seconds per reported interval", defaults.SampleSeconds, 1, 3600);
        var provider = HarnessOptions.Provider();
        var postgres = HarnessOptions.Postgres();
        var app = HarnessOptions.App();
        var command = new Command("soak",
            "Runs mixed traffic ($evaluate, searches, reads, updates, creates, audit) at a steady rate against the registry as its own " +
            "process, and reports errors, latency percentiles per interval, memory, open handles and /health.")
        {
            seconds, rate, patients, sample, provider, postgres, app,
        };
        HarnessOptions.NeedPostgresServer(command, provider, postgres);
        command.SetAction((parsed, ct) => run(new SoakOptions
        {
            Seconds = parsed.GetValue(seconds),
            Rate = parsed.GetValue(rate),
            Patients = parsed.GetValue(patients),
            SampleSeconds = parsed.GetValue(sample),
            Provider = parsed.GetValue(provider)!,
            Postgres = parsed.GetValue(postgres),
            App = parsed.GetValue(app),
        }, ct));
        return command;
    }
}
