using ConsentApi.Decisions;
using ConsentApi.Monitoring;
using ConsentApi.Monitoring.Jobs;
using ConsentApi.Persistence;
using ConsentApi.Synthetic;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Demo;

/// <summary>
/// A small synthetic population for the monitoring dashboard in Development: about twenty practices and two hundred
/// thousand people with half a year of choices (one practice with a spike of opt-outs three weeks ago), their
/// list sizes imported (dated to cover every week computed), and rates and detection queued for recent Sundays, so the jobs run in the background as soon
/// as the registry starts. Only when the database holds no practices yet.
/// </summary>
public static class DemoMonitoring
{
    public const double Scale = 0.003;
    public const int Weeks = 26;
    public const int SundaysComputed = 16;

    public static async Task SeedAsync(IServiceProvider services, string dataDirectory, TimeProvider time, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        if (await db.Practices.AnyAsync(ct))
        {
            return;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var output = Path.Combine(dataDirectory, "demo-population");
        await GenerateCommand.GenerateAsync(services, new GenerateOptions
        {
            Scale = Scale,
            Weeks = Weeks,
            End = monday,
            OutputDirectory = output,
            Anomalies = [new AnomalySpec("spike", "#2", Weeks - 3, 60)],
        }, null, ct);

        using (var mapping = File.OpenText(Path.Combine(output, ListSizeFiles.MappingFile)))
        using (var totals = File.OpenText(Path.Combine(output, ListSizeFiles.TotalsFile)))
        using (var ageSex = File.OpenText(Path.Combine(output, ListSizeFiles.AgeSexFile)))
        {
            var (batch, problems) = ListSizeFiles.Read(mapping, totals, ageSex);
            if (batch is null)
            {
                throw new InvalidOperationException($"The demo list sizes are invalid: {string.Join("; ", problems.Select(p => p.Problem))}");
            }

            // The generated publication is dated at the end of the population's half year; rates for a day use the newest
            // publication on or before it. The same sizes, dated the first of the month of the first Sunday computed,
            // give every computed week list sizes (otherwise the funnel plot's weeks have none and are blank).
            var importer = scope.ServiceProvider.GetRequiredService<ListSizeImporter>();
            var first = monday.AddDays(-1 - 7 * (SundaysComputed - 1));
            var earlier = new DateOnly(first.Year, first.Month, 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (string.CompareOrdinal(earlier, batch.ExtractDate) < 0)
            {
                await importer.StoreAsync(batch with
                {
                    ExtractDate = earlier,
                    ListSizes = [.. batch.ListSizes.Select(l => new ListSize { ExtractDate = earlier, OdsCode = l.OdsCode, Sex = l.Sex, AgeBand = l.AgeBand, Patients = l.Patients })],
                }, "demo-seed", null, ct);
            }

            await importer.StoreAsync(batch, "demo-seed", null, ct);
        }

        await services.GetRequiredService<DecisionIndexSync>().CatchUpAsync(ct);
        // Handed to Hangfire: the instance's workers run them (one at a time, each followed by its detection run).
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        for (var week = SundaysComputed; week >= 1; week--)
        {
            await queue.EnqueueAsync(JobNames.Rates, monday.AddDays(-1 - 7 * (week - 1)), "manual", "demo-seed", ct);
        }

        if (today.AddDays(-1) > monday.AddDays(-1))
        {
            await queue.EnqueueAsync(JobNames.Rates, today.AddDays(-1), "manual", "demo-seed", ct);
        }
    }
}
