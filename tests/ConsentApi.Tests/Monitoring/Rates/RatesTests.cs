using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsentApi.Monitoring.Rates;
using ConsentApi.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Monitoring.Rates;

/// <summary>
/// Objection rates worked out by hand for a small scenario, through the real API and database: who counts as an
/// objector, attribution to practices by registration, rates against the published list sizes, roll-ups, revisions.
/// </summary>
public abstract class RatesTests(ApiFactory api)
{
    private const string Ndop = "national-data-opt-out";
    private readonly MonitoringScenario _scenario = new(api);
    private readonly HttpClient _staff = api.CreateClient();

    [Fact]
    public async Task Store_WhenPeopleObjectWithdrawAndDelete_ThenRatesAtEveryLevelMatchTheHandCount()
    {
        // The publication registers 78 at RT001 (40 girls aged 0-4, 38 boys aged 5-9) and 100 at RT002 (60 and 40),
        // in sub-ICB 15F, ICB QWO, region Y63.
        using var import = await _staff.PostAsync("/admin/list-sizes",
            new ListSizePublicationBuilder("01-JAN-2026").WithPractice("RT001", 40, 38).WithPractice("RT002", 60, 40).Form());
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        var girl = await _scenario.PersonAsync("RT001", "F", MonitoringScenario.Today.Year - 2);
        var boy = await _scenario.PersonAsync("RT001", "M", MonitoringScenario.Today.Year - 6);
        var boyType1 = await _scenario.PersonAsync("RT001", "M", MonitoringScenario.Today.Year - 6);
        var counted = await _scenario.PersonAsync("RT002", "F", 1990);
        var deleted = await _scenario.PersonAsync("RT002", "M", 1950);
        var oneRecipient = await _scenario.PersonAsync("RT002", "F", 1990);
        await _scenario.ObjectAsync(girl);
        await _scenario.WithdrawAsync(await _scenario.ObjectAsync(boy));
        await _scenario.ObjectAsync(boyType1, "type-1");
        await _scenario.ObjectAsync(counted);
        await _scenario.DeleteAsync(await _scenario.ObjectAsync(deleted));
        await _scenario.ObjectAsync(oneRecipient, change: c => MonitoringScenario.OnlyFor(c, "RR8"));

        var stored = await _scenario.StoreAsync(await _scenario.ComputeAsync(MonitoringScenario.Today), breakdown: true);

        var day = stored.Day.Day;
        Assert.Equal("2026-01-01", stored.Day.ListSizeDate);
        await AssertRateAsync(day, "practice", "RT001", Ndop, active: 1, added: 1, list: 78, rate: 1.2821);
        await AssertRateAsync(day, "practice", "RT002", Ndop, active: 1, added: 1, list: 100, rate: 1);
        await AssertRateAsync(day, "practice", "RT001", "type-1", active: 1, added: 1, list: 78, rate: 1.2821);
        await AssertRateAsync(day, "practice", "RT002", "type-1", active: 0, added: 0, list: 100, rate: 0);
        await AssertRateAsync(day, "sub-icb", "15F", Ndop, active: 2, added: 2, list: 178, rate: 1.1236);
        await AssertRateAsync(day, "region", "Y63", Ndop, active: 2, added: 2, list: 178, rate: 1.1236);
        Assert.Equal(1, await api.CountAsync($"SELECT active_objectors FROM objection_rates WHERE day = '{day}' AND level = 'practice' AND area_code = 'RT001' AND policy = '{Ndop}' AND sex = 'FEMALE' AND age_band = '0_4'"));
        Assert.Equal(40, await api.CountAsync($"SELECT list_size FROM objection_rates WHERE day = '{day}' AND level = 'practice' AND area_code = 'RT001' AND policy = '{Ndop}' AND sex = 'FEMALE' AND age_band = '0_4'"));
        Assert.Equal(0, await api.CountAsync($"SELECT active_objectors FROM objection_rates WHERE day = '{day}' AND level = 'practice' AND area_code = 'RT001' AND policy = '{Ndop}' AND sex = 'MALE' AND age_band = '5_9'"));
        var csv = await _staff.GetStringAsync($"/monitoring/rates.csv?day={day}&level=practice");
        Assert.StartsWith("REPORTING_DATE,LEVEL,AREA_CODE,AREA_NAME,POLICY,SEX,AGE_BAND,LIST_SIZE,ACTIVE_OBJECTORS,RATE_PER_100,NEW_OBJECTIONS,WITHDRAWALS", csv, StringComparison.Ordinal);
        Assert.Contains($"{day},practice,RT001,\"The RT001 Surgery, \"\"Riverside\"\"\",{Ndop},ALL,ALL,78,1,1.2821,1,0", csv, StringComparison.Ordinal);
        Assert.Contains($"{day},practice,RT001,\"The RT001 Surgery, \"\"Riverside\"\"\",{Ndop},FEMALE,0_4,40,1,2.5,1,0", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compute_WhenARegistrationStartsAtMidnight_ThenItCountsFromThatDayNotTheEveBefore()
    {
        var today = MonitoringScenario.Today;
        var mover = await _scenario.PersonAsync("RM001", "F", 1980);
        await _scenario.ObjectAsync(mover);
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConsentApi.Persistence.RegistryDbContext>();
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO practices (ods_code, name, sub_icb_code, sub_icb_name, icb_code, icb_name, region_code, region_name) VALUES ('RM002', 'Test practice', 'S1', 'Sub ICB', 'I1', 'ICB', 'R1', 'Region')");
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO patient_registrations (nhs_number, practice_ods_code, sex, birth_year, registered_from_ticks) VALUES ({long.Parse(mover, System.Globalization.CultureInfo.InvariantCulture)}, 'RM002', 'F', 1980, {RateCalculator.Ticks(today.AddDays(1))})");
        }

        var eve = await _scenario.ComputeAsync(today);
        var first = await _scenario.ComputeAsync(today.AddDays(1));

        Assert.Equal(1, MonitoringScenario.Count(eve, api, "RM001", RateCells.Active, Ndop));
        Assert.Equal(0, MonitoringScenario.Count(eve, api, "RM002", RateCells.Active, Ndop));
        Assert.Equal(0, MonitoringScenario.Count(first, api, "RM001", RateCells.Active, Ndop));
        Assert.Equal(1, MonitoringScenario.Count(first, api, "RM002", RateCells.Active, Ndop));
    }

    [Fact]
    public async Task Compute_WhenAnObjectorDies_ThenFromTheDayAfterTheyCountAtNoPracticeAndNotAsUnattributed()
    {
        var today = MonitoringScenario.Today;
        var person = await _scenario.PersonAsync("RD001", "F", 1940);
        await _scenario.ObjectAsync(person);
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConsentApi.Persistence.RegistryDbContext>();
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO patient_registrations (nhs_number, practice_ods_code, sex, birth_year, registered_from_ticks, ended_reason) VALUES ({long.Parse(person, System.Globalization.CultureInfo.InvariantCulture)}, '', 'F', 1940, {RateCalculator.Ticks(today.AddDays(1))}, 'death')");
        }

        var alive = await _scenario.ComputeAsync(today);
        var dead = await _scenario.ComputeAsync(today.AddDays(1));

        Assert.Equal(1, MonitoringScenario.Count(alive, api, "RD001", RateCells.Active, Ndop));
        Assert.Equal(0, MonitoringScenario.Count(dead, api, "RD001", RateCells.Active, Ndop));
        var number = MonitoredPolicy.From(api.Services.GetRequiredService<ConsentApi.Policies.PolicyCatalogue>()).Single(p => p.Id == Ndop).Number;
        Assert.Equal(alive.Cells.Unattributed(RateCells.Active, number), dead.Cells.Unattributed(RateCells.Active, number));
    }

    [Fact]
    public async Task Store_WhenRecomputedUnchanged_ThenTheRevisionStands_AndWhenChanged_ThenANewRevisionIsAddedAndTheOldKept()
    {
        var person = await _scenario.PersonAsync("RV001", "F", 1980);
        var objection = await _scenario.ObjectAsync(person);
        var first = await _scenario.StoreAsync(await _scenario.ComputeAsync(MonitoringScenario.Today), breakdown: false);

        var again = await _scenario.StoreAsync(await _scenario.ComputeAsync(MonitoringScenario.Today), breakdown: false);
        await _scenario.WithdrawAsync(objection);
        var changed = await _scenario.StoreAsync(await _scenario.ComputeAsync(MonitoringScenario.Today), breakdown: false);

        Assert.True(again.Unchanged);
        Assert.Equal(first.Day.Revision, again.Day.Revision);
        Assert.False(changed.Unchanged);
        Assert.Equal(first.Day.Revision + 1, changed.Day.Revision);
        var day = first.Day.Day;
        Assert.Equal(1, await api.CountAsync($"SELECT active_objectors FROM objection_rates WHERE day = '{day}' AND revision = {first.Day.Revision} AND level = 'practice' AND area_code = 'RV001' AND policy = '{Ndop}' AND sex = 'ALL'"));
        Assert.Equal(0, await api.CountAsync($"SELECT active_objectors FROM objection_rates WHERE day = '{day}' AND revision = {changed.Day.Revision} AND level = 'practice' AND area_code = 'RV001' AND policy = '{Ndop}' AND sex = 'ALL'"));
    }

    [Fact]
    public async Task Compute_WhenCarriedForwardFromYesterday_ThenEqualsCountingEveryone()
    {
        var stays = await _scenario.PersonAsync("RI001", "F", 1970);
        var leaves = await _scenario.PersonAsync("RI001", "M", 1960);
        var joins = await _scenario.PersonAsync("RI002", "F", 2001);
        await _scenario.ObjectAsync(stays);
        var leaving = await _scenario.ObjectAsync(leaves);
        var yesterday = await _scenario.ComputeAsync(MonitoringScenario.Today.AddDays(-1));
        await _scenario.WithdrawAsync(leaving);
        await _scenario.ObjectAsync(joins, "type-1");

        var incremental = await _scenario.ComputeAsync(MonitoringScenario.Today, yesterday.Cells.ActiveOnly());
        var full = await _scenario.ComputeAsync(MonitoringScenario.Today);

        Assert.False(incremental.Full);
        Assert.True(full.Full);
        foreach (var (ods, policy) in new[] { ("RI001", Ndop), ("RI002", "type-1"), ("RI001", "type-1") })
        {
            foreach (var measure in new[] { RateCells.Active, RateCells.New, RateCells.Withdrawn })
            {
                Assert.Equal(MonitoringScenario.Count(full, api, ods, measure, policy), MonitoringScenario.Count(incremental, api, ods, measure, policy));
            }
        }

        // Yesterday (before anything here was written) nobody objected; today one does at RI001 and one at RI002.
        Assert.Equal(1, MonitoringScenario.Count(full, api, "RI001", RateCells.Active, Ndop));
        Assert.Equal(1, MonitoringScenario.Count(full, api, "RI002", RateCells.New, "type-1"));
    }

    [Fact]
    public async Task Rates_WhenAParameterIsWrong_Then400NamingIt()
    {
        await _scenario.StoreAsync(await _scenario.ComputeAsync(MonitoringScenario.Today), breakdown: false);

        using var level = await _staff.GetAsync("/monitoring/rates?level=county");
        using var sort = await _staff.GetAsync("/monitoring/rates?sort=colour");
        using var day = await _staff.GetAsync("/monitoring/rates?day=22/11/2026");
        using var missing = await _staff.GetAsync("/monitoring/rates?day=1999-01-01");

        Assert.Equal(HttpStatusCode.BadRequest, level.StatusCode);
        Assert.Contains("level must be one of practice, sub-icb, icb, region, england (got 'county')", await level.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, sort.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, day.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("OperationOutcome", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resourceType").GetString());
    }

    private async Task AssertRateAsync(string day, string level, string area, string policy, int active, int added, int list, double rate)
    {
        var page = await _staff.GetFromJsonAsync<JsonElement>($"/monitoring/rates?day={day}&level={level}&policy={policy}&count=1000");
        var row = page.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("rate").GetProperty("areaCode").GetString() == area).GetProperty("rate");
        Assert.Equal(active, row.GetProperty("activeObjectors").GetInt32());
        Assert.Equal(added, row.GetProperty("newObjections").GetInt32());
        Assert.Equal(list, row.GetProperty("listSize").GetInt32());
        Assert.Equal(rate, row.GetProperty("rate").GetDouble(), 4);
    }
}
