using System.Text;
using ConsentApi.Identity;
using ConsentApi.Monitoring.Rates;
using ConsentApi.Persistence;
using ConsentApi.Policies;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring;

/// <summary>
/// The dashboard's rate data as JSON (England and regional summary; areas with rates, filtered and sorted) and as CSV
/// in the shape of the national statistics publication. Monitoring staff only.
/// </summary>
public static class RateEndpoints
{
    private static readonly string[] Sorts = ["rate", "-rate", "name", "list", "-list", "-new", "code"];

    public static IEndpointRouteBuilder MapRates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/monitoring").WithTags("Monitoring").RequireAuthorization(AccessPolicies.Monitoring);
        group.MapGet("/summary", Summary).WithName("MonitoringSummary");
        group.MapGet("/rates", Rates).WithName("ObjectionRates");
        group.MapGet("/rates.csv", RatesCsv).WithName("ObjectionRatesCsv");
        return app;
    }

    public static async Task<IResult> Summary(string? day, RegistryDbContext db, PolicyCatalogue catalogue, CancellationToken ct)
    {
        var current = await MonitoringQueries.DayAsync(db, day, ct);
        var rows = await db.ObjectionRates.AsNoTracking()
            .Where(r => r.Day == current.Day && r.Revision == current.Revision && (r.Level == RateLevels.England || r.Level == RateLevels.Region)
                && r.Sex == RateLevels.All && r.AgeBand == RateLevels.All)
            .ToListAsync(ct);
        var names = await db.Practices.AsNoTracking().Select(p => new { p.RegionCode, p.RegionName }).Distinct().ToDictionaryAsync(p => p.RegionCode, p => p.RegionName, ct);
        var openFlags = await Investigations.InvestigationQueries.OpenCountAsync(db, ct);
        var policies = MonitoredPolicy.From(catalogue);
        return Results.Ok(new
        {
            day = current.Day,
            revision = current.Revision,
            computedAt = new DateTimeOffset(current.ComputedTicks, TimeSpan.Zero),
            fullCount = current.FullCount,
            listSizeDate = current.ListSizeDate,
            unattributed = current.Unattributed,
            openFlags,
            policies = policies.Select(p => new { id = p.Id, title = p.Title }),
            england = rows.Where(r => r.Level == RateLevels.England).Select(View),
            regions = rows.Where(r => r.Level == RateLevels.Region).OrderBy(r => r.AreaCode, StringComparer.Ordinal)
                .Select(r => new { name = names.GetValueOrDefault(r.AreaCode, r.AreaCode), rate = View(r) }),
        });
    }

    public static async Task<IResult> Rates(string? day, string? level, string? policy, string? region, string? icb, string? subIcb, string? sort,
        int? page, int? count, RegistryDbContext db, PolicyCatalogue catalogue, CancellationToken ct)
    {
        var current = await MonitoringQueries.DayAsync(db, day, ct);
        var policies = MonitoredPolicy.From(catalogue);
        var chosenLevel = MonitoringQueries.Level(level);
        var chosenPolicy = MonitoringQueries.Policy(policy, policies.Select(p => p.Id), policies[0].Id);
        var size = MonitoringQueries.Bounded(count, "count", 50, 1, 1000);
        var number = MonitoringQueries.Bounded(page, "page", 1, 1, 100_000);
        var chosenSort = sort ?? "-rate";
        if (!Sorts.Contains(chosenSort))
        {
            throw Fhir.RequestValues.Bad("sort", $"sort must be one of {string.Join(", ", Sorts)} (got '{sort}').");
        }

        var rows = await db.ObjectionRates.AsNoTracking()
            .Where(r => r.Day == current.Day && r.Revision == current.Revision && r.Level == chosenLevel && r.Policy == chosenPolicy
                && r.Sex == RateLevels.All && r.AgeBand == RateLevels.All)
            .ToListAsync(ct);
        var places = await AreaNames.LoadAsync(db, chosenLevel, ct);
        var filtered = rows.Select(r => (Row: r, Place: places.GetValueOrDefault(r.AreaCode) ?? AreaNames.Unnamed(r.AreaCode)))
            .Where(x => (region is null || x.Place.RegionCode == region) && (icb is null || x.Place.IcbCode == icb) && (subIcb is null || x.Place.SubIcbCode == subIcb))
            .ToList();
        IEnumerable<(ObjectionRate Row, AreaName Place)> ordered = chosenSort switch
        {
            "rate" => filtered.OrderBy(x => x.Row.Rate ?? double.MaxValue).ThenBy(x => x.Row.AreaCode, StringComparer.Ordinal),
            "-rate" => filtered.OrderByDescending(x => x.Row.Rate ?? double.MinValue).ThenBy(x => x.Row.AreaCode, StringComparer.Ordinal),
            "name" => filtered.OrderBy(x => x.Place.Name, StringComparer.OrdinalIgnoreCase),
            "list" => filtered.OrderBy(x => x.Row.ListSize ?? 0),
            "-list" => filtered.OrderByDescending(x => x.Row.ListSize ?? 0),
            "-new" => filtered.OrderByDescending(x => x.Row.NewObjections).ThenBy(x => x.Row.AreaCode, StringComparer.Ordinal),
            _ => filtered.OrderBy(x => x.Row.AreaCode, StringComparer.Ordinal),
        };
        return Results.Ok(new
        {
            day = current.Day,
            revision = current.Revision,
            level = chosenLevel,
            policy = chosenPolicy,
            total = filtered.Count,
            page = number,
            count = size,
            areas = ordered.Skip((number - 1) * size).Take(size).Select(x => new { name = x.Place.Name, x.Place.RegionCode, x.Place.IcbCode, x.Place.SubIcbCode, rate = View(x.Row) }),
        });
    }

    /// <summary>
    /// CSV in the national statistics' shape: one row per area, policy, sex and age band, with the list size, active
    /// objectors and rate per 100. Streamed: a month end's breakdown for every practice is half a million rows.
    /// </summary>
    public static async Task RatesCsv(HttpContext context, string? day, string? level, RegistryDbContext db, CancellationToken ct)
    {
        var current = await MonitoringQueries.DayAsync(db, day, ct);
        var chosenLevel = level is null ? null : MonitoringQueries.Level(level);
        var places = await AreaNames.LoadEveryLevelAsync(db, ct);

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"objection-rates-{current.Day}{(chosenLevel is null ? "" : "-" + chosenLevel)}.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("REPORTING_DATE,LEVEL,AREA_CODE,AREA_NAME,POLICY,SEX,AGE_BAND,LIST_SIZE,ACTIVE_OBJECTORS,RATE_PER_100,NEW_OBJECTIONS,WITHDRAWALS");
        var rows = db.ObjectionRates.AsNoTracking().Where(r => r.Day == current.Day && r.Revision == current.Revision && (chosenLevel == null || r.Level == chosenLevel))
            .OrderBy(r => r.Level).ThenBy(r => r.Policy).ThenBy(r => r.Sex).ThenBy(r => r.AgeBand).ThenBy(r => r.AreaCode).AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(ct))
        {
            var name = places.GetValueOrDefault(r.Level + "|" + r.AreaCode)?.Name ?? r.AreaCode;
            await writer.WriteLineAsync(string.Join(',', current.Day, r.Level, r.AreaCode, Csv(name), r.Policy, r.Sex, r.AgeBand,
                r.ListSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                r.ActiveObjectors.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.Rate?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                r.NewObjections.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Withdrawals.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    public static object View(ObjectionRate r) => new
    {
        r.Level,
        r.AreaCode,
        r.Policy,
        r.Sex,
        r.AgeBand,
        r.ListSize,
        r.ActiveObjectors,
        r.Rate,
        r.NewObjections,
        r.Withdrawals,
    };

    private static string Csv(string value) => value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
