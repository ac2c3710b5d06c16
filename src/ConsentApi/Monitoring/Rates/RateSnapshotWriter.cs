using System.Security.Cryptography;
using System.Text;
using ConsentApi.Persistence;
using ConsentApi.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConsentApi.Monitoring.Rates;

/// <summary>
/// Turns a day's counts into stored rows: totals for every practice, sub-ICB, ICB, region and England per policy
/// (and, when asked, by sex and age band), each with its list size. If the latest revision for the day has exactly
/// these rows (same hash), nothing is written; otherwise the next revision is added. One transaction.
/// </summary>
public sealed class RateSnapshotWriter(RegistryDbContext db, PopulationAttribution attribution, PolicyCatalogue catalogue, ListSizeCache listSizes,
    TimeProvider time)
{
    private static readonly string[] RateColumns =
        ["day", "revision", "level", "area_code", "policy", "sex", "age_band", "new_objections", "withdrawals", "active_objectors", "list_size"];

    private static readonly string[] WeekColumns =
        ["week_ending", "revision", "ods_code", "policy", "new_objections", "withdrawals", "active_objectors", "list_size"];

    public async Task<RateStoreResult> StoreAsync(RateComputation computation, long runId, bool breakdown, CancellationToken ct)
    {
        var day = computation.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var policies = MonitoredPolicy.From(catalogue);
        var areas = await db.Practices.AsNoTracking().ToDictionaryAsync(p => p.OdsCode, p => new[] { p.SubIcbCode, p.IcbCode, p.RegionCode }, ct);
        var (listDate, sizes) = await listSizes.ForDayAsync(db, day, ct);
        var rows = RateRows.Build(computation.Cells, policies, attribution, areas, sizes, breakdown);
        var weeks = computation.Week is { } week ? RateRows.Weeks(week, computation.Cells, policies, attribution, sizes) : [];
        var hash = Hash(rows, weeks);
        var latest = await db.RateDays.AsNoTracking().Where(d => d.Day == day).OrderByDescending(d => d.Revision).FirstOrDefaultAsync(ct);
        if (latest is not null && latest.ContentHash == hash)
        {
            return new RateStoreResult(latest, true, 0);
        }

        var revision = (latest?.Revision ?? 0) + 1;
        var unattributed = policies.Sum(p => computation.Cells.Unattributed(RateCells.Active, p.Number));
        var stored = new RateDay
        {
            Day = day,
            Revision = revision,
            RunId = runId,
            ComputedTicks = time.GetUtcNow().UtcTicks,
            FullCount = computation.Full,
            AppliedSeq = computation.AppliedSeq,
            PeopleChanged = computation.PeopleChanged,
            Unattributed = (int)unattributed,
            ListSizeDate = listDate,
            HasBreakdown = breakdown,
            RowsWritten = rows.Count + weeks.Count,
            ContentHash = hash,
        };

        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var connection = db.Database.GetDbConnection();
        var tx = transaction.Transaction.GetDbTransaction();
        await BulkInsert.RowsAsync(connection, tx, "objection_rates", RateColumns,
            rows.Select(r => new object?[] { day, revision, r.Level, r.Area, r.Policy, r.Sex, r.Band, r.New, r.Withdrawn, r.Active, r.ListSize }), ct);
        await BulkInsert.RowsAsync(connection, tx, "practice_weeks", WeekColumns,
            weeks.Select(w => new object?[] { day, revision, w.Area, w.Policy, w.New, w.Withdrawn, w.Active, w.ListSize }), ct);
        db.RateDays.Add(stored);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RateStoreResult(stored, false, weeks.Count);
    }

    private static string Hash(List<RateRow> rows, List<RateRow> weeks)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in rows.Concat([new RateRow("week", "", "", "", "", 0, 0, 0, null)]).Concat(weeks))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(row.ToString()));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
