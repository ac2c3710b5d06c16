using ConsentApi.Fhir;
using ConsentApi.Identity;
using ConsentApi.Monitoring.Detection;
using ConsentApi.Monitoring.Rates;
using ConsentApi.Persistence;
using ConsentApi.Policies;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring;

/// <summary>
/// The data behind the dashboard's charts: a policy's funnel plot for a week (every practice's point, the target and
/// the 95% and 99.8% curves), and one practice's weekly series with its SPC centre line and limits.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/monitoring").WithTags("Monitoring").RequireAuthorization(AccessPolicies.Monitoring);
        group.MapGet("/funnel", Funnel).WithName("FunnelPlot");
        group.MapGet("/practices/{ods}/series", Series).WithName("PracticeSeries");
        return app;
    }

    public static async Task<IResult> Funnel(string? week, string? policy, string? region, RegistryDbContext db, PolicyCatalogue catalogue, CancellationToken ct)
    {
        var policies = MonitoredPolicy.From(catalogue);
        var chosen = MonitoringQueries.Policy(policy, policies.Select(p => p.Id), policies[0].Id);
        var weekEnding = week ?? await db.PracticeWeeks.AsNoTracking().MaxAsync(w => (string?)w.WeekEnding, ct)
            ?? throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", "No weekly practice counts exist yet: run the rates job for a Sunday.");
        var revision = await db.PracticeWeeks.AsNoTracking().Where(w => w.WeekEnding == weekEnding).MaxAsync(w => (int?)w.Revision, ct)
            ?? throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"No weekly practice counts for the week ending {weekEnding}.");
        var regions = await db.Practices.AsNoTracking().ToDictionaryAsync(p => p.OdsCode, p => (p.RegionCode, p.Name), ct);
        var points = (await db.PracticeWeeks.AsNoTracking().Where(w => w.WeekEnding == weekEnding && w.Revision == revision && w.Policy == chosen && w.ListSize > 0)
                .Select(w => new { w.OdsCode, w.ActiveObjectors, w.ListSize }).ToListAsync(ct))
            .Where(w => region is null || regions.GetValueOrDefault(w.OdsCode).RegionCode == region)
            .Select(w => new FunnelPoint(w.OdsCode, w.ActiveObjectors, w.ListSize!.Value)).ToList();
        var funnel = FunnelPlot.Compute(points);
        var maxSize = points.Count == 0 ? 1 : points.Max(p => p.Population);
        var curve = Enumerable.Range(1, 40).Select(i => (long)Math.Max(1, Math.Round(Math.Pow(maxSize, i / 40.0))))
            .Distinct().Select(n => { var l = funnel.LimitsFor(n); return new { listSize = n, l.Lower95, l.Upper95, l.Lower998, l.Upper998 }; });
        return Results.Ok(new
        {
            weekEnding,
            policy = chosen,
            scope = region ?? "England",
            target = funnel.Target,
            phi = funnel.Phi,
            tau2 = funnel.Tau2,
            limits = curve,
            practices = funnel.Units.Select(u => new
            {
                ods = u.Area,
                name = regions.GetValueOrDefault(u.Area).Name ?? u.Area,
                objectors = u.Events,
                listSize = u.Population,
                u.Rate,
                u.Z,
                outside95 = u.Outside95,
                outside998 = u.Outside998,
            }),
        });
    }

    public static async Task<IResult> Series(string ods, string? policy, int? weeks, RegistryDbContext db, PolicyCatalogue catalogue, CancellationToken ct)
    {
        var policies = MonitoredPolicy.From(catalogue);
        var chosen = MonitoringQueries.Policy(policy, policies.Select(p => p.Id), policies[0].Id);
        var count = MonitoringQueries.Bounded(weeks, "weeks", DetectionJob.HistoryWeeks, 2, 520);
        var practice = await db.Practices.AsNoTracking().FirstOrDefaultAsync(p => p.OdsCode == ods, ct);
        var rows = await db.PracticeWeeks.AsNoTracking().Where(w => w.OdsCode == ods && w.Policy == chosen).ToListAsync(ct);
        if (practice is null && rows.Count == 0)
        {
            throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"No practice {ods} and no weekly counts for it.");
        }

        var latest = rows.GroupBy(r => r.WeekEnding).Select(g => g.MaxBy(r => r.Revision)!).OrderBy(r => r.WeekEnding, StringComparer.Ordinal)
            .TakeLast(count).ToList();
        var values = latest.Select(r => (double)r.NewObjections).ToList();
        // An XmR chart of the raw counts for staff to read beside the flags, limits from up to a year before the last 7
        // weeks. The detector itself judges each week against an expectation adjusted for England's movement.
        var baselineEnd = Math.Max(0, values.Count - XmrChart.RunLength);
        var baselineStart = Math.Max(0, baselineEnd - NationalAdjustment.BaselineWeeks);
        var limits = XmrChart.Limits(values[baselineStart..baselineEnd]);
        var flags = await db.MonitoringFlags.AsNoTracking().Where(f => f.AreaCode == ods && f.Policy == chosen).OrderBy(f => f.Period).ToListAsync(ct);
        return Results.Ok(new
        {
            ods,
            name = practice?.Name,
            policy = chosen,
            centre = limits.Mean,
            lower = Math.Max(0, limits.Lower),
            upper = limits.Upper,
            baselineWeeks = limits.BaselinePoints,
            trialLimits = limits.Trial,
            weeks = latest.Select(r => new
            {
                r.WeekEnding,
                r.NewObjections,
                r.Withdrawals,
                r.ActiveObjectors,
                r.ListSize,
                rate = r.ListSize > 0 ? Math.Round(100.0 * r.ActiveObjectors / r.ListSize.Value, 4) : (double?)null
            }),
            flags = flags.Select(f => new { f.Id, f.Method, f.Period, f.Direction, f.Summary }),
        });
    }
}
