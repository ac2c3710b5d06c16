using System.CommandLine;
using System.CommandLine.Parsing;

namespace CrashHarness;

/// <summary>The options the crash run and the soak share, built once each for either command.</summary>
internal static class HarnessOptions
{
    public const string PostgresVariable = "CONSENTREGISTRY_TEST_POSTGRES";

    /// <summary>A whole-number option with its bounds checked by the parser.</summary>
    public static Option<int> Whole(string name, string description, int defaultValue, int min, int max)
    {
        var option = new Option<int>(name) { Description = $"{description} ({min} to {max})", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r => Check(r, r.GetValueOrDefault<int>() is var n && n >= min && n <= max, $"{name} must be a whole number from {min} to {max}"));
        return option;
    }

    public static Option<string> Provider()
    {
        var option = new Option<string>("--provider") { Description = "the registry's database", DefaultValueFactory = _ => "Sqlite" };
        option.AcceptOnlyFromAmong("Sqlite", "Postgres");
        return option;
    }

    public static Option<string?> Postgres() => new("--postgres")
    {
        Description = $"a PostgreSQL connection string for --provider Postgres (default ${PostgresVariable})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(PostgresVariable),
    };

    public static Option<string?> App() => new("--app") { Description = "the registry's built ConsentApi.dll (found under src/ConsentApi/bin when not given)" };

    /// <summary>PostgreSQL needs a server to run on: refused by the parser, not found out after the registry starts.</summary>
    public static void NeedPostgresServer(Command command, Option<string> provider, Option<string?> postgres) =>
        command.Validators.Add(r =>
        {
            // The token as given: the value itself cannot be read when it is not one of the choices (the option reports that).
            if (r.GetResult(provider)?.Tokens is [.., { Value: "Postgres" }] && string.IsNullOrEmpty(r.GetValue(postgres)))
            {
                r.AddError($"--provider Postgres needs --postgres or {PostgresVariable}.");
            }
        });

    /// <summary>Refuses the option's value with <paramref name="message"/>, naming the value as given.</summary>
    public static void Check(OptionResult result, bool ok, string message)
    {
        if (!ok)
        {
            result.AddError($"{message}, not '{string.Join(' ', result.Tokens.Select(t => t.Value))}'.");
        }
    }
}
