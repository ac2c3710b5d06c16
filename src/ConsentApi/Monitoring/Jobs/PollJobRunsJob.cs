using ConsentApi.Monitoring.Investigations;
using Quartz;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>Quartz's short-interval trigger on every instance: take over stale runs, run whatever is queued and due, deliver pending webhooks.</summary>
public sealed class PollJobRunsJob(MonitoringJobRunner runner, WebhookSender webhooks) : IJob
{
    public static readonly JobKey Key = new("poll-job-runs", "monitoring");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await runner.RunDueAsync(cancellationToken);
        await webhooks.DeliverDueAsync(cancellationToken);
    }
}
