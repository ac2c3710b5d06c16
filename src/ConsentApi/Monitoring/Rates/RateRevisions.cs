using System.Globalization;
using ConsentApi.Monitoring.Jobs;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Monitoring.Rates;

/// <summary>
/// Which stored days' rates a registration change learnt later has made out of date: a day whose last successful
/// rates run started before a registration row was recorded that takes effect by the end of that day (a backdated
/// move, a death or removal reported late). Worked out from the data, so nothing is lost if an instance stops: the
/// daily run queues these days again (each then stores a new revision if its counts changed, or confirms the old
/// one). Only days within <see cref="MonitoringOptions.RevisionDays"/> of the day run are revised.
/// </summary>
public sealed class RateRevisions(RegistryDbContext db, IOptions<MonitoringOptions> options)
{
    public async Task<IReadOnlyList<DateOnly>> StaleDaysAsync(DateOnly upTo, CancellationToken ct)
    {
        var window = options.Value.RevisionDays;
        if (window == 0)
        {
            return [];
        }

        var from = Text(upTo.AddDays(-window));
        var to = Text(upTo);
        var runs = await db.JobRuns.AsNoTracking()
            .Where(r => r.Job == JobNames.Rates && string.Compare(r.TargetDay, from) >= 0 && string.Compare(r.TargetDay, to) <= 0)
            .Select(r => new { r.TargetDay, r.Status, r.StartedTicks }).ToListAsync(ct);
        var pending = runs.Where(r => r.Status is JobRuns.Queued or JobRuns.Running).Select(r => r.TargetDay).ToHashSet(StringComparer.Ordinal);
        var checkedAt = runs.Where(r => r.Status == JobRuns.Succeeded && r.StartedTicks is not null && !pending.Contains(r.TargetDay))
            .GroupBy(r => r.TargetDay).Select(g => (Day: DateOnly.ParseExact(g.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture), Started: g.Max(r => r.StartedTicks!.Value)))
            .ToList();
        if (checkedAt.Count == 0)
        {
            return [];
        }

        // One EXISTS per checked day (at most RevisionDays + 1 of them), on the recorded_ticks index: never the rows
        // themselves, which after a national bulk load would be every registration in England.
        var stale = new List<DateOnly>();
        foreach (var (day, started) in checkedAt.OrderBy(c => c.Day))
        {
            var endOfDay = RateCalculator.Ticks(day.AddDays(1));
            if (await db.PatientRegistrations.AnyAsync(r => r.RecordedTicks > started && r.RegisteredFromTicks < endOfDay, ct))
            {
                stale.Add(day);
            }
        }

        return stale;
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
