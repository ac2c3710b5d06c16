using Quartz;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>Quartz's daily trigger: queues the rates run for yesterday (every instance fires; one queues it) and wakes the runner.</summary>
public sealed class QueueDailyRatesJob(IServiceScopeFactory scopes, MonitoringJobRunner runner, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new("queue-daily-rates", "monitoring");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
            await scope.ServiceProvider.GetRequiredService<JobRuns>().EnqueueAsync(JobNames.Rates, yesterday, "schedule", "schedule", TimeSpan.Zero,
                cancellationToken);
        }

        await runner.RunDueAsync(cancellationToken);
    }
}
