using System.Diagnostics;
using System.Globalization;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// `compute-rates --from D --to D [--sundays]`: queues a rates run for each day (or each Sunday) in the range and runs
/// them here, each followed by its detection run, exactly as the scheduled jobs do (same run table, same lease), so
/// history can be filled in after an import or for benchmarks. Prints one line per run.
/// </summary>
public static class ComputeRatesCommand
{
    public const string Usage = "compute-rates --from YYYY-MM-DD --to YYYY-MM-DD [--sundays]";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken ct)
    {
        DateOnly? from = null, to = null;
        var sundays = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--from" when i + 1 < args.Count:
                    from = Parse(args[++i], "--from");
                    break;
                case "--to" when i + 1 < args.Count:
                    to = Parse(args[++i], "--to");
                    break;
                case "--sundays":
                    sundays = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown or incomplete option '{args[i]}'. Usage: {Usage}");
                    return 2;
            }
        }

        if (from is null || to is null || to < from)
        {
            await Console.Error.WriteLineAsync($"Give --from and --to (to on or after from). Usage: {Usage}");
            return 2;
        }

        var runner = services.GetRequiredService<MonitoringJobRunner>();
        var failed = 0;
        for (var day = from.Value; day <= to.Value; day = day.AddDays(1))
        {
            if (sundays && day.DayOfWeek != DayOfWeek.Sunday)
            {
                continue;
            }

            var watch = Stopwatch.StartNew();
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<JobRuns>().EnqueueAsync(JobNames.Rates, day, "manual", "command line", TimeSpan.Zero, ct);
            }

            await runner.RunDueAsync(ct);
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                var text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var runs = await db.JobRuns.AsNoTracking().Where(r => r.TargetDay == text).OrderByDescending(r => r.Id).Take(2).ToListAsync(ct);
                foreach (var run in runs.OrderBy(r => r.Id))
                {
                    failed += run.Status == "succeeded" ? 0 : 1;
                    Console.WriteLine($"{text} {run.Job,-9} {run.Status,-9} {JobRunView.From(run).DurationSeconds,7:0.000} s  {run.Outcome ?? run.Error}");
                }
            }

            Console.WriteLine($"{day:yyyy-MM-dd} done in {watch.Elapsed.TotalSeconds:0.0} s");
        }

        return failed == 0 ? 0 : 1;
    }

    private static DateOnly Parse(string value, string name) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ArgumentException($"{name} must be a date as yyyy-mm-dd, not '{value}'.");
}
