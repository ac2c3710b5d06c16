using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConsentApi.Subscriptions;

/// <summary>
/// Notification delivery as /health reports it: how many notifications wait for active subscriptions and how old the
/// oldest is (degraded past five minutes: delivery is stuck), and how many subscriptions are in error (the client's
/// endpoint, not the registry, so reported but not degrading).
/// </summary>
public sealed class SubscriptionHealthCheck(RegistryDbContext db, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Stuck = TimeSpan.FromMinutes(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // One pass over the waiting notifications for both the count and the oldest.
        var waiting = await db.SubscriptionNotifications.AsNoTracking().Where(n => n.DeliveredTicks == null
                && db.Subscriptions.Any(s => s.Id == n.SubscriptionId && s.Status == SubscriptionRecord.Active && !s.IsDeleted))
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Oldest = g.Min(n => (long?)n.CreatedTicks) })
            .FirstOrDefaultAsync(cancellationToken);
        var count = waiting?.Count ?? 0;
        var oldest = waiting?.Oldest;
        var inError = await db.Subscriptions.CountAsync(s => s.Status == SubscriptionRecord.InError && !s.IsDeleted, cancellationToken);
        var age = oldest is { } ticks ? time.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero) : TimeSpan.Zero;
        var text = $"Subscriptions: {count} notifications waiting (oldest {age.TotalSeconds:N0} s), {inError} subscriptions in error.";
        return age > Stuck ? HealthCheckResult.Degraded(text + " Delivery is behind.") : HealthCheckResult.Healthy(text);
    }
}
