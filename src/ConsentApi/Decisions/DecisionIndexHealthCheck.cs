using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConsentApi.Decisions;

/// <summary>
/// The decision index as /health reports it: degraded while it is being built after a start (reads, searches and writes
/// are served; decisions answer 503), healthy once decisions are exact. <c>/health/ready</c> answers 503 until then, for a
/// load balancer or a script that needs every interaction, decisions included. Both are anonymous, so neither says how
/// many versions the register holds.
/// </summary>
public sealed class DecisionIndexHealthCheck(DecisionIndex index) : IHealthCheck
{
    public static IResult Readiness(DecisionIndex index) => index.IsReady
        ? Results.Text("ready")
        : Results.Text("starting: the decision index is still being built; reads, searches and writes are served", statusCode: StatusCodes.Status503ServiceUnavailable);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(index.IsReady
            ? HealthCheckResult.Healthy("Decision index ready: decisions are answered.")
            : HealthCheckResult.Degraded("Decision index still being built after the start: reads, searches and writes are served; $evaluate, CDS Hooks and the bulk check answer 503 until it is ready."));
}
