using System.Text.Json;
using ConsentApi.Monitoring.Jobs;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Persistence;

/// <summary>/health tells the truth about the jobs: a run that failed for good makes it degraded, naming the job and the error.</summary>
public sealed class HealthTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task Health_WhenAJobRunFailedForGood_ThenDegradedNamingTheJobAndError()
    {
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            db.JobRuns.Add(new JobRun
            {
                Job = "rates",
                TargetDay = "2026-11-20",
                Attempt = 5,
                TriggerKind = "schedule",
                RequestedBy = "test",
                RequestedTicks = 1,
                NotBeforeTicks = 1,
                Status = "failed",
                FinishedTicks = 2,
                Error = "disk full",
            });
            await db.SaveChangesAsync();
        }

        using var response = await api.CreateAnonymousClient().GetAsync("/health");
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var jobs = report.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "jobs");

        Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("Degraded", jobs.GetProperty("status").GetString());
        Assert.Contains("rates for 2026-11-20 failed after 5 attempts: disk full", jobs.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
