using System.Net.Http.Json;
using System.Text.Json;
using ConsentApi.Monitoring.Detection;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Monitoring.Investigations;

/// <summary>
/// One open episode per flag: while a flag's investigation is open, later findings of the same method, policy, area
/// and direction are later weeks of its episode (no new investigation, no new webhook); once it is closed, the next
/// finding opens a new episode.
/// </summary>
public sealed class FlagEpisodeTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private const string Area = "EP001";
    private readonly HttpClient _staff = api.CreateClient();

    [Fact]
    public async Task Add_WhenASpikeLastsThreeWeeksThenTheInvestigationIsClosed_ThenOneEpisodeHoldsTheWeeksAndTheNextFindingOpensANewOne()
    {
        await AddAsync(Finding("2026-10-04", up: true), Finding("2026-10-04", up: false, method: DetectionMethods.Cusum));
        await AddAsync(Finding("2026-10-11", up: true));
        await AddAsync(Finding("2026-10-18", up: true));
        var listed = await _staff.GetFromJsonAsync<JsonElement>($"/monitoring/flags?area={Area}");
        var opened = await FlagIdAsync("2026-10-04", "up");
        var episode = await _staff.GetFromJsonAsync<JsonElement>($"/monitoring/flags/{opened}");
        var viaLaterWeek = await _staff.GetFromJsonAsync<JsonElement>($"/monitoring/flags/{await FlagIdAsync("2026-10-18", "up")}");
        using var close = await _staff.PostAsJsonAsync($"/monitoring/flags/{opened}/investigation",
            new { status = "explained", outcome = "local-publicity", note = "A local story; the rise has passed." });
        await AddAsync(Finding("2026-11-29", up: true));
        var after = await _staff.GetFromJsonAsync<JsonElement>($"/monitoring/flags?area={Area}");

        Assert.Equal(2, listed.GetProperty("total").GetInt32()); // the rise's episode and the separate fall, each with one investigation
        Assert.Equal(["2026-10-11", "2026-10-18"], episode.GetProperty("laterWeeks").EnumerateArray().Select(w => w.GetProperty("period").GetString()));
        Assert.Equal(opened, viaLaterWeek.GetProperty("id").GetInt64());
        Assert.True(close.IsSuccessStatusCode, await close.Content.ReadAsStringAsync());
        Assert.Equal(3, after.GetProperty("total").GetInt32());
        Assert.Equal(3, await CountAsync(db => db.InvestigationVersions.Where(v => v.Version == 1).Join(db.MonitoringFlags.Where(f => f.AreaCode == Area),
            v => v.FlagId, f => f.Id, (v, f) => v).CountAsync()));
    }

    private static Finding Finding(string period, bool up, string method = DetectionMethods.Exceedance) =>
        new(method, "national-data-opt-out", "practice", Area, period, up, up ? 23 : 0, 4.2, null, null, null, null, up ? 9.3 : -2.1,
            $"Test finding for the week ending {period}.");

    private async Task AddAsync(params Finding[] findings)
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FlagStore>().AddAsync(findings, 0, default);
    }

    private Task<long> FlagIdAsync(string period, string direction) =>
        CountAsync(db => db.MonitoringFlags.Where(f => f.AreaCode == Area && f.Period == period && f.Direction == direction && f.Method == DetectionMethods.Exceedance)
            .Select(f => f.Id).SingleAsync());

    private async Task<T> CountAsync<T>(Func<RegistryDbContext, Task<T>> query)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }
}
