using System.Globalization;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring.Rates;

/// <summary>
/// The daily rates job for one day: incremental from the day before when this instance holds it, a full count of
/// everyone otherwise, on Sundays (catching anything an incremental run cannot see, such as an objection whose own
/// period ended) and on 1 January (everyone's age band moves); the breakdown by sex and age band on month ends.
/// </summary>
public sealed class RatesJob(RateCalculator calculator, RateSnapshotWriter writer, RateState state, RegistryDbContext db)
{
    public async Task<(int Rows, string Outcome)> RunAsync(DateOnly day, long runId, CancellationToken ct)
    {
        var before = day.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var beforeHash = await db.RateDays.AsNoTracking().Where(d => d.Day == before).OrderByDescending(d => d.Revision)
            .Select(d => d.ContentHash).FirstOrDefaultAsync(ct);
        var forceFull = day.DayOfWeek == DayOfWeek.Sunday || (day.Month == 1 && day.Day == 1);
        var previous = forceFull ? null : state.For(day.AddDays(-1), beforeHash);
        var computation = await calculator.ComputeAsync(day, previous, ct);
        var breakdown = day.AddDays(1).Day == 1;
        var storing = System.Diagnostics.Stopwatch.StartNew();
        var result = await writer.StoreAsync(computation, runId, breakdown, ct);
        var (history, attribution, counting) = computation.Timings;
        var timings = string.Create(CultureInfo.InvariantCulture,
            $" Time: changes {history.TotalSeconds:0.00} s, attribution {attribution.TotalSeconds:0.00} s, counting {counting.TotalSeconds:0.00} s, storing {storing.Elapsed.TotalSeconds:0.00} s.");
        state.Keep(day, result.Day.ContentHash, computation.Cells.ActiveOnly());
        var how = computation.Full ? "counted everyone" : "carried forward from the day before";
        var outcome = result.Unchanged
            ? $"{result.Day.Day}: the counts are the same as revision {result.Day.Revision}, which stands ({how}; {computation.PeopleChanged:N0} people changed)."
            : $"{result.Day.Day}: revision {result.Day.Revision} stored, {result.Day.RowsWritten:N0} rows ({how}; {computation.PeopleChanged:N0} people changed"
                + $"{(result.WeekRows > 0 ? "; the week's practice series too" : string.Empty)}{(breakdown ? "; by sex and age band" : string.Empty)}; "
                + $"list sizes {result.Day.ListSizeDate ?? "not imported"}).";
        return (result.Unchanged ? 0 : result.Day.RowsWritten, outcome + timings);
    }
}
