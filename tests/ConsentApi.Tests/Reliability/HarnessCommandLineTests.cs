using CrashHarness;

namespace ConsentApi.Tests.Reliability;

/// <summary>The crash harness's command line: values reach the run, and bad ones are refused before anything starts.</summary>
public sealed class HarnessCommandLineTests
{
    [Fact]
    public async Task Invoke_WhenEveryCrashOptionIsGiven_ThenTheRunGetsThem()
    {
        CrashOptions? got = null;
        var root = CrashOptions.Command((options, _) => { got = options; return Task.FromResult(0); });

        var exit = await root.Parse(["--provider", "Postgres", "--postgres", "Host=db", "--rounds", "3", "--writers", "4", "--patients", "40",
            "--kill-ms", "100-900", "--seed", "7", "--app", "x/ConsentApi.dll"]).InvokeAsync();

        Assert.Equal(0, exit);
        Assert.Equal(new CrashOptions
        {
            Provider = "Postgres",
            Postgres = "Host=db",
            Rounds = 3,
            Writers = 4,
            Patients = 40,
            MinKillMilliseconds = 100,
            MaxKillMilliseconds = 900,
            Seed = 7,
            App = "x/ConsentApi.dll",
        }, got);
    }

    [Fact]
    public async Task Invoke_WhenSoakIsNamed_ThenTheSoakRunsWithItsOptionsAndTheCrashRunDoesNot()
    {
        SoakOptions? soak = null;
        var crashed = false;
        var root = CrashOptions.Command((_, _) => { crashed = true; return Task.FromResult(0); });
        root.Subcommands.Add(SoakOptions.Command((options, _) => { soak = options; return Task.FromResult(0); }));

        await root.Parse(["soak", "--seconds", "20", "--rate", "40", "--patients", "100", "--sample-seconds", "5"]).InvokeAsync();

        Assert.False(crashed);
        Assert.Equal(new SoakOptions { Seconds = 20, Rate = 40, Patients = 100, SampleSeconds = 5, Postgres = Environment.GetEnvironmentVariable("CONSENTREGISTRY_TEST_POSTGRES") }, soak);
    }

    [Theory]
    [InlineData(new[] { "--kill-ms", "900-100" }, "--kill-ms must be MIN-MAX")]
    [InlineData(new[] { "--kill-ms", "5-100" }, "--kill-ms must be MIN-MAX")]
    [InlineData(new[] { "--rounds", "0" }, "--rounds must be a whole number from 1 to 10000")]
    [InlineData(new[] { "--provider", "Oracle" }, "'Oracle'")]
    [InlineData(new[] { "--provider", "Postgres", "--postgres", "" }, "--provider Postgres needs --postgres")]
    [InlineData(new[] { "soak", "--rate", "0" }, "--rate must be a whole number from 1 to 10000")]
    [InlineData(new[] { "soak", "--provider", "Postgres", "--postgres", "" }, "--provider Postgres needs --postgres")]
    public void Parse_WhenAValueIsOutOfBounds_ThenTheParserRefusesItByName(string[] line, string expected)
    {
        var root = CrashOptions.Command((_, _) => Task.FromResult(0));
        root.Subcommands.Add(SoakOptions.Command((_, _) => Task.FromResult(0)));

        var parsed = root.Parse(line);

        Assert.Contains(parsed.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }
}
