using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsentApi.Identity;
using ConsentApi.Monitoring;
using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Monitoring.Jobs;

/// <summary>Staff run a job now from the dashboard's API and watch it: the scheduler (Quartz, polling every second here) picks it up.</summary>
public sealed class JobEndpointTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private readonly HttpClient _staff = api.CreateClient();

    [Fact]
    public async Task Trigger_WhenStaffRunRatesForADay_ThenItAndTheDetectionAfterItSucceedAndAreListed()
    {
        var day = MonitoringQueries.Text(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3));

        using var response = await _staff.PostAsJsonAsync("/monitoring/jobs/rates/runs", new { day });
        var run = await WaitAsync(response.Headers.Location!.ToString());
        var runs = await _staff.GetFromJsonAsync<JsonElement>("/monitoring/jobs/runs?job=detection");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("durationSeconds").GetDouble() >= 0);
        Assert.StartsWith($"{day}: revision 1 stored", run.GetProperty("outcome").GetString(), StringComparison.Ordinal);
        Assert.Contains(runs.GetProperty("runs").EnumerateArray(), r => r.GetProperty("targetDay").GetString() == day
            && r.GetProperty("trigger").GetString() == "after-rates");
    }

    [Fact]
    public async Task Trigger_WhenTheJobOrDayIsWrong_ThenClearErrors()
    {
        using var unknown = await _staff.PostAsJsonAsync("/monitoring/jobs/backup/runs", new { day = "2026-01-01" });
        using var badDay = await _staff.PostAsJsonAsync("/monitoring/jobs/rates/runs", new { day = "yesterday" });
        using var today = await _staff.PostAsJsonAsync("/monitoring/jobs/rates/runs", new { day = MonitoringQueries.Text(DateOnly.FromDateTime(DateTime.UtcNow)) });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("the jobs are rates, detection", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
        Assert.Contains("day must be a date as yyyy-mm-dd (got 'yesterday')", await badDay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, today.StatusCode);
        Assert.Contains("a day that has ended", await today.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trigger_WhenTheClientHasNoMonitoringScope_Then403()
    {
        using var gp = api.CreateClientWithToken(await api.TokenAsync(ApiFactory.TestClientId, api.TestClientKey, RegistryScopes.ConsentWrite));

        using var response = await gp.PostAsJsonAsync("/monitoring/jobs/rates/runs", new { day = "2026-01-01" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<JsonElement> WaitAsync(string location)
    {
        for (var i = 0; i < 300; i++)
        {
            var run = await _staff.GetFromJsonAsync<JsonElement>(location);
            if (run.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                return run;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{location} did not finish within 30 s.");
    }
}
