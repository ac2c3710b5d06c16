using System.Globalization;
using System.Text.Json;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Synthetic;

/// <summary>
/// <c>dotnet run --project src/ConsentApi -- generate ...</c>: loads a synthetic population into the configured
/// database (schema applied first), writes list-size CSVs and the anomaly manifest, and reports progress.
/// </summary>
public static class GenerateCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            Console.WriteLine(GenerateOptions.Usage);
            return 0;
        }

        GenerateOptions options;
        try
        {
            options = GenerateOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"generate: {ex.Message}\n\n{GenerateOptions.Usage}");
            return 2;
        }

        try
        {
            var summary = await GenerateAsync(services, options, WriteProgress, ct);
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
