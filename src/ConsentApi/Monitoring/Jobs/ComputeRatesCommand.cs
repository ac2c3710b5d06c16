using System.CommandLine;
using ConsentApi.CommandLine;
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

    public static Command Create(CommandContext context)
    {
        var from = new Option<DateOnly>("--from") { Required = true, Description = "first day, YYYY-MM-DD" };
        var to = new Option<DateOnly>("--to") { Required = true, Description = "last day, YYYY-MM-DD (on or after --from)" };
        var sundays = new Option<bool>("--sundays") { Description = "only the Sundays in the range (full counts)" };
        var command = new Command("compute-rates", "Queues and runs a rates run (then detection) for each day in the range.") { from, to, sundays };
        command.Validators.Add(r =>
        {
            // Only when both dates read: a date that does not parse is reported by its own option.
            if (Day(r.GetResult(from)) is { } first && Day(r.GetResult(to)) is { } last && last < first)
            {
                r.AddError($"--to {last:yyyy-MM-dd} is before --from {first:yyyy-MM-dd}.");
            }
        });
        command.SetAction(async (parsed, ct) =>
        {
            await context.PrepareAsync(CommandNeeds.Schema | CommandNeeds.Decisions, ct);
            return await RunAsync(context.Services, parsed.GetValue(from), parsed.GetValue(to), parsed.GetValue(sundays), ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, DateOnly first, DateOnly last, bool sundays, CancellationToken ct)
    {
        var runner = services.GetRequiredService<MonitoringJobRunner>();
        var failed = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
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

    private static DateOnly? Day(System.CommandLine.Parsing.OptionResult? result) =>
        result?.Tokens is [{ } token] && DateOnly.TryParse(token.Value, CultureInfo.InvariantCulture, out var day) ? day : null;
}
