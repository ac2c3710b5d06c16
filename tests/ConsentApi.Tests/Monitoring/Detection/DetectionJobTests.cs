using System.Net.Http.Json;
using System.Text.Json;
using ConsentApi.Monitoring.Detection;
using ConsentApi.Monitoring.Rates;
using ConsentApi.Persistence;
using ConsentApi.Population;
using ConsentApi.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Monitoring.Detection;

/// <summary>
/// The detection job on a real database: weekly counts stored as the rates job stores them, a spike across one
/// sub-ICB in the judged week, and what staff then see (one investigation, the area's practices under it).
/// Each test has its own practices and its own year, so that no test's weeks are in another's panel.
/// </summary>
public abstract class DetectionJobTests(ApiFactory api)
{
    private const int Weeks = 30;
    private readonly HttpClient _staff = api.CreateClient();

    [Fact]
    public async Task Run_WhenASubIcbTriplesInTheJudgedWeek_ThenOneInvestigationOpensAtTheAreaWithItsPracticesGroupedUnderIt()
    {
        var prefix = Prefix();
        var first = new DateOnly(2020, 1, 5);
        await SeedAsync(prefix, first, (practice, week) => week < Weeks - 1 ? 2 : practice is >= 12 and < 24 ? practice == 12 ? 14 : 6 : 2);

        var (added, outcome) = await RunAsync(first.AddDays(7 * (Weeks - 1)));
        var flags = await QueryAsync(db => db.MonitoringFlags.AsNoTracking().Where(f => f.AreaCode.StartsWith(prefix)).ToListAsync());
        var openers = flags.Where(f => f.EpisodeFlagId is null).ToList();
        var opener = Assert.Single(openers);
        var investigations = await QueryAsync(db => db.InvestigationVersions.CountAsync(v => v.FlagId == opener.Id));
        var read = await _staff.GetFromJsonAsync<JsonElement>($"/monitoring/flags/{opener.Id}");

        Assert.Contains("allowing for England's movement", outcome, StringComparison.Ordinal);
        Assert.Equal(flags.Count, added);
        Assert.Equal((RateLevels.Region, $"{prefix}R0", "up"), (opener.Level, opener.AreaCode, opener.Direction));
        Assert.Equal(1, investigations);
        Assert.Contains(flags, f => f.Level == RateLevels.SubIcb && f.AreaCode == $"{prefix}S1" && f.EpisodeFlagId == opener.Id);
        Assert.Contains(flags, f => f.Level == RateLevels.Practice && f.AreaCode == $"{prefix}P12" && f.EpisodeFlagId == opener.Id);
        Assert.Contains(read.GetProperty("laterWeeks").EnumerateArray(), w => w.GetProperty("areaCode").GetString() == $"{prefix}P12"
            && w.GetProperty("level").GetString() == RateLevels.Practice && w.GetProperty("method").GetString() == DetectionMethods.Exceedance);
    }

    [Fact]
    public async Task Run_WhenEveryPracticeHalvesInTheJudgedWeek_ThenNothingIsFlagged()
    {
        var prefix = Prefix();
        var first = new DateOnly(2018, 1, 7);
        await SeedAsync(prefix, first, (_, week) => week < Weeks - 1 ? 30 : 15);

        var (added, _) = await RunAsync(first.AddDays(7 * (Weeks - 1) + 3));

        Assert.Equal(0, added);
        Assert.Empty(await QueryAsync(db => db.MonitoringFlags.Where(f => f.AreaCode.StartsWith(prefix)).ToListAsync()));
    }

    private static string Prefix() => "D" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();

    private async Task SeedAsync(string prefix, DateOnly first, Func<int, int, int> count)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        for (var p = 0; p < 48; p++)
        {
            var (sub, icb) = (p / 12, p / 24);
            db.Practices.Add(new Practice
            {
                OdsCode = $"{prefix}P{p:00}",
                Name = $"Practice {p}",
                SubIcbCode = $"{prefix}S{sub}",
                SubIcbName = $"Sub-ICB {sub}",
                IcbCode = $"{prefix}I{icb}",
                IcbName = $"ICB {icb}",
                RegionCode = $"{prefix}R{icb}",
                RegionName = $"Region {icb}",
            });
            for (var w = 0; w < Weeks; w++)
            {
                db.PracticeWeeks.Add(new PracticeWeek
                {
                    WeekEnding = first.AddDays(7 * w).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    Revision = 1,
                    OdsCode = $"{prefix}P{p:00}",
                    Policy = "national-data-opt-out",
                    NewObjections = count(p, w),
                    ActiveObjectors = 360,
                    ListSize = 8000,
                });
            }
        }

        await db.SaveChangesAsync();
    }

    private async Task<(int Added, string Outcome)> RunAsync(DateOnly day)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DetectionJob>().RunAsync(day, 0, default);
    }

    private async Task<T> QueryAsync<T>(Func<RegistryDbContext, Task<T>> query)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }
}
