using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ConsentApi.CommandLine;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Synthetic;

/// <summary>
/// <c>generate [options]</c>: loads a synthetic population into the configured database (schema applied first),
/// writes list-size CSVs and the anomaly manifest, and reports progress.
/// </summary>
public static class GenerateCommand
{
    public static Command Create(CommandContext context)
    {
        var command = Definition();
        command.SetAction(async (parsed, ct) =>
        {
            var options = GenerateOptions.From(parsed);
            try
            {
                var summary = await GenerateAsync(context.Services, options, WriteProgress, ct);
                await Console.Error.WriteLineAsync();
                Console.WriteLine(
                    $"Generated {summary.Practices:N0} practices, {summary.Patients:N0} patients, {summary.NationalOptOuts:N0} national data opt-outs, " +
                    $"{summary.TypeOneObjections:N0} Type 1 objections, {summary.Withdrawals:N0} withdrawals in {summary.Seconds:N1} s.");
                Console.WriteLine($"List sizes and manifest: {Path.GetFullPath(options.OutputDirectory)}");
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"\ngenerate: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The command's options, with their checks; <see cref="GenerateOptions.Parse"/> reads them too.</summary>
    internal static Command Definition()
    {
        var scale = new Option<double>("--scale") { Description = "fraction of England's 6,229 practices (0 < X <= 1; default 1 = ~64M patients)", DefaultValueFactory = _ => 1.0 };
        scale.Validators.Add(r => Check(r, r.GetValueOrDefault<double>() is > 0 and <= 1, "--scale must be a number above 0 and at most 1"));
        var seed = new Option<int>("--seed") { Description = "random seed; the same seed and options give the same data", DefaultValueFactory = _ => 20131 };
        var weeks = new Option<int>("--weeks") { Description = "weeks of history ending at --end", DefaultValueFactory = _ => 104 };
        weeks.Validators.Add(r => Check(r, r.GetValueOrDefault<int>() is >= 12 and <= 520, "--weeks must be a whole number from 12 to 520"));
        var end = new Option<DateOnly>("--end") { Description = "the Monday after the last week (YYYY-MM-DD)", DefaultValueFactory = _ => new DateOnly(2026, 11, 2) };
        end.Validators.Add(r => Check(r, r.GetValueOrDefault<DateOnly>().DayOfWeek == DayOfWeek.Monday, "--end must be a Monday as YYYY-MM-DD"));
        var output = new Option<string>("--out") { Description = "where the list-size CSVs and anomaly manifest go", DefaultValueFactory = _ => "synthetic" };
        var command = new Command("generate", "Loads synthetic England into the configured database.") { scale, seed, weeks, end, output };
        foreach (var (kind, help) in new[]
        {
            ("spike", "P:W:N  N extra national data opt-outs at practice P (ODS code or #index) in week W"),
            ("surge", "W:F    national surge: new opt-outs in week W multiplied by F everywhere"),
            ("drop", "P:W:N  supplier fault: practice P's new objections in weeks W..W+N-1 arrive at week W+N"),
        })
        {
            var anomaly = new Option<string[]>("--" + kind) { Description = help, AllowMultipleArgumentsPerToken = false };
            anomaly.Validators.Add(r =>
            {
                foreach (var value in r.GetValueOrDefault<string[]>() ?? [])
                {
                    try
                    {
                        AnomalySpec.Parse(kind, value);
                    }
                    catch (ArgumentException ex)
                    {
                        r.AddError(ex.Message);
                    }
                }
            });
            command.Options.Add(anomaly);
        }

        return command;
    }

    private static void Check(System.CommandLine.Parsing.OptionResult result, bool ok, string message)
    {
        if (!ok)
        {
            result.AddError($"{message}, not '{string.Join(' ', result.Tokens.Select(t => t.Value))}'.");
        }
    }

    /// <summary>Runs the generator against the registry's configured database.</summary>
    public static async Task<GenerationSummary> GenerateAsync(IServiceProvider services, GenerateOptions options,
        Action<GenerationProgress>? progress, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(ct);
        var connectionString = db.Database.GetConnectionString()!;
        await using IPopulationLoader loader = scope.ServiceProvider.GetRequiredService<IOptions<PersistenceOptions>>().Value.IsPostgres
            ? new PostgresPopulationLoader(connectionString)
            : new SqlitePopulationLoader(connectionString);
        var summary = await new PopulationGenerator(options, loader, progress).RunAsync(ct);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "manifest.json"),
            JsonSerializer.Serialize(summary, ManifestJson), ct);
        return summary;
    }

    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static DateTime _lastReport;

    private static void WriteProgress(GenerationProgress p)
    {
        var now = DateTime.UtcNow;
        if (p.PracticesDone != p.Practices && now - _lastReport < TimeSpan.FromMilliseconds(250))
        {
            return;
        }

        _lastReport = now;
        const int width = 30;
        var done = (int)(width * (double)p.PracticesDone / p.Practices);
        var rate = p.Patients / Math.Max(0.001, p.Elapsed.TotalSeconds);
        var remaining = TimeSpan.FromSeconds(p.Elapsed.TotalSeconds * (p.Practices - p.PracticesDone) / Math.Max(1, p.PracticesDone));
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', done)}{new string('.', width - done)}] {p.PracticesDone}/{p.Practices} practices, {p.Patients:N0} patients, {p.Objections:N0} objections, {rate:N0} patients/s, {remaining:mm\\:ss} left");
        Console.Error.Write(Console.IsErrorRedirected ? line + "\n" : "\r" + line);
    }
}
