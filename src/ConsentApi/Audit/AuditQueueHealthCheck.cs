using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConsentApi.Audit;

/// <summary>The access audit's queue as /health reports it: degraded when it is over 80% full (the writer is falling behind and requests will soon wait).</summary>
public sealed class AuditQueueHealthCheck(AuditLog audit) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var queued = audit.Queued;
        var text = $"Audit: {queued:N0} of {AuditLog.Capacity:N0} records queued for writing.";
        return Task.FromResult(queued > AuditLog.Capacity * 8 / 10 ? HealthCheckResult.Degraded(text) : HealthCheckResult.Healthy(text));
    }
}
