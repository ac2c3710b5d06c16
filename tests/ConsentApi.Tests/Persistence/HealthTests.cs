using System.Text.Json;
using ConsentApi.Monitoring.Jobs;
using ConsentApi.Persistence;
using ConsentApi.Subscriptions;
using ConsentApi.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Persistence;

/// <summary>
/// /health tells the truth, on both databases: a job run left waiting, or notifications waiting too long for
/// an active subscription, make it degraded and say what is wrong.
/// </summary>
public abstract class HealthTests(ApiFactory api)
{
    [Fact]
    public async Task Health_WhenAQueuedJobRunWaitsFarPastThePollingInterval_ThenDegradedNamingTheJob()
    {
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var longAgo = DateTimeOffset.UtcNow.AddHours(-2).UtcTicks;
            db.JobRuns.Add(new JobRun
            {
                Job = "rates",
                TargetDay = "2026-11-20",
                Attempt = 1,
                TriggerKind = "manual",
                RequestedBy = "test",
                RequestedTicks = longAgo,
                NotBeforeTicks = longAgo,
                Status = JobRuns.Queued,
            });
            await db.SaveChangesAsync();
        }

        var (overall, jobs) = await CheckAsync("jobs");

        Assert.Equal("Degraded", overall);
        Assert.Equal("Degraded", jobs.GetProperty("status").GetString());
        Assert.Contains("rates for 2026-11-20 has waited since", jobs.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_WhenNotificationsWaitOverFiveMinutes_ThenSubscriptionsDegradedCountingThem()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var id = Guid.NewGuid().ToString();
            db.Subscriptions.Add(new SubscriptionRecord
            {
                Id = id,
                ClientId = "health-test",
                VersionId = 1,
                Status = SubscriptionRecord.Active,
                Criteria = "Consent",
                Endpoint = "http://127.0.0.1:9/never",
                ResourceJson = "{}",
                NextAttemptTicks = now.AddYears(1).UtcTicks, // not due: the delivery worker leaves it alone
                CreatedTicks = now.UtcTicks,
                UpdatedTicks = now.UtcTicks,
            });
            await db.SaveChangesAsync(); // before its notifications, which refer to it
            db.SubscriptionNotifications.AddRange(
                Notification(id, 1, now.AddMinutes(-10), delivered: null),
                Notification(id, 2, now.AddMinutes(-1), delivered: null),
                Notification(id, 3, now.AddMinutes(-20), delivered: now));
            await db.SaveChangesAsync();
        }

        var (overall, subscriptions) = await CheckAsync("subscriptions");

        Assert.Equal("Degraded", overall);
        Assert.Equal("Degraded", subscriptions.GetProperty("status").GetString());
        Assert.StartsWith("Subscriptions: 2 notifications waiting (oldest 6", subscriptions.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static SubscriptionNotification Notification(string subscription, long seq, DateTimeOffset created, DateTimeOffset? delivered) => new()
    {
        DeliveredTicks = delivered?.UtcTicks,
        SubscriptionId = subscription,
        Seq = seq,
        ResourceId = Guid.NewGuid().ToString(),
        VersionId = 1,
        CreatedTicks = created.UtcTicks,
    };

    private async Task<(string? Overall, JsonElement Check)> CheckAsync(string name)
    {
        using var response = await api.CreateAnonymousClient().GetAsync("/health");
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var check = report.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        return (report.RootElement.GetProperty("status").GetString(), check.Clone());
    }
}
