using System.CommandLine;
using ConsentApi.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// `compute-rates --from D --to D [--sundays]`: runs rates for each day (or each Sunday) in the range here, each followed
/// by its detection run, as the scheduled jobs do (same run list, same lock as Hangfire's runs), so history can be filled
/// in after an import or for benchmarks. Prints one line per run.
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
        var failed = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (sundays && day.DayOfWeek != DayOfWeek.Sunday)
            {
                continue;
            }

            var watch = Stopwatch.StartNew();
            var text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var before = await LastRunIdAsync(services, ct);
            var ratesDone = await RunOneAsync(services, JobNames.Rates, text, "manual", ct);
            var detectionDone = ratesDone && await RunOneAsync(services, JobNames.Detection, text, "after-rates", ct);
            failed += detectionDone ? 0 : 1;

            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                var runs = await db.JobRuns.AsNoTracking().Where(r => r.Id > before).OrderBy(r => r.Id).ToListAsync(ct);
                foreach (var run in runs)
                {
                    Console.WriteLine($"{text} {run.Job,-9} {run.Status,-9} {JobRunView.From(run).DurationSeconds,7:0.000} s  {run.Outcome ?? run.Error}");
                }
            }

            Console.WriteLine($"{day:yyyy-MM-dd} done in {watch.Elapsed.TotalSeconds:0.0} s");
        }

        return failed == 0 ? 0 : 1;
    }

    private static async Task<long> LastRunIdAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().JobRuns.MaxAsync(r => (long?)r.Id, ct) ?? 0;
    }

    /// <summary>One run here and now, recorded and locked as Hangfire's are; false when it failed (the failure is on the run).</summary>
    private static async Task<bool> RunOneAsync(IServiceProvider services, string job, string day, string trigger, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<MonitoringJobs>().RunAsync(job, day, trigger, "command line", null, null, ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Usually recorded on the run too (and listed below), but a failure before the run started (the lock, the
            // database) has no run: say it here either way.
            await Console.Error.WriteLineAsync($"{day} {job}: {ex.GetType().Name}: {ex.GetBaseException().Message}");
            return false;
        }
    }

    private static DateOnly? Day(System.CommandLine.Parsing.OptionResult? result) =>
        result?.Tokens is [{ } token] && DateOnly.TryParse(token.Value, CultureInfo.InvariantCulture, out var day) ? day : null;
}
