using ConsentApi.Audit;
using ConsentApi.Monitoring.Jobs;
using ConsentApi.Monitoring.Rates;
using ConsentApi.Population;
using ConsentApi.Tests.Population;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Monitoring.Rates;

/// <summary>
/// A registration change learnt after a day's rates were stored (a backdated move) makes that day stale: the next
/// run of the day stores a new revision that counts the move, the earlier revision is kept, and the day is no longer
/// stale. Hangfire's server is off here, so the test runs the day itself.
/// </summary>
public abstract class RateRevisionsTests(ApiFactory api)
{
    private const string Ndop = "national-data-opt-out";

    [Fact]
    public async Task StaleDays_WhenAMoveIsLearntAfterTheDayWasCounted_ThenTheDayIsRunAgainAsANewRevisionThatCountsIt()
    {
        var today = MonitoringScenario.Today;
        var scenario = new MonitoringScenario(api);
        var person = await scenario.PersonAsync("RV001", "F", 1970);
        await scenario.ObjectAsync(person);
        await RunRatesAsync(today);
        var before = await StaleAsync(today);

        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ConsentApi.Persistence.RegistryDbContext>().Database.ExecuteSqlAsync(
                $"INSERT INTO practices (ods_code, name, sub_icb_code, sub_icb_name, icb_code, icb_name, region_code, region_name) VALUES ('RV002', 'Moved to', 'S1', 'Sub ICB', 'I1', 'ICB', 'R1', 'Region')");
            var patient = FhirJson.Parse<Patient>(new PatientBuilder(person).RegisteredAt("RV002", today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Json());
            await scope.ServiceProvider.GetRequiredService<RegistrationFeed>().RecordAsync(patient, false, new AuditActor("client", "pds-relay", "X26", null), default);
        }

        var stale = await StaleAsync(today);
        await RunRatesAsync(today);
        var after = await StaleAsync(today);

        Assert.Empty(before);
        Assert.Equal([today], stale);
        Assert.Empty(after);
        var day = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2, await api.CountAsync($"SELECT count(*) FROM rate_days WHERE day = '{day}'"));
        Assert.Equal(1, await api.CountAsync($"SELECT active_objectors FROM objection_rates WHERE day = '{day}' AND revision = 1 AND level = 'practice' AND area_code = 'RV001' AND policy = '{Ndop}' AND sex = 'ALL'"));
        Assert.Equal(1, await api.CountAsync($"SELECT active_objectors FROM objection_rates WHERE day = '{day}' AND revision = 2 AND level = 'practice' AND area_code = 'RV002' AND policy = '{Ndop}' AND sex = 'ALL'"));
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM objection_rates WHERE day = '{day}' AND revision = 2 AND level = 'practice' AND area_code = 'RV001' AND policy = '{Ndop}' AND active_objectors > 0"));
    }

    private async Task RunRatesAsync(DateOnly day)
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MonitoringJobs>()
            .RunAsync(JobNames.Rates, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "manual", "test", null, null, default);
    }

    private async Task<IReadOnlyList<DateOnly>> StaleAsync(DateOnly day)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RateRevisions>().StaleDaysAsync(day, default);
    }
}
