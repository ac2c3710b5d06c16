using System.Globalization;
using Hangfire;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// Hands monitoring work to Hangfire: the run is listed as queued first (so staff see it at once), then its background
/// job is created with the run's id, and the worker that takes it up starts that run (decision 15).
/// </summary>
public sealed class JobQueue(JobRuns runs, IBackgroundJobClient client)
{
    public async Task<JobRun> EnqueueAsync(string job, DateOnly day, string trigger, string requestedBy, CancellationToken ct)
    {
        var run = await runs.QueueAsync(job, day, trigger, requestedBy, ct);
        var text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        try
        {
            client.Enqueue<MonitoringJobs>(j => j.RunAsync(job, text, trigger, requestedBy, run.Id, null, CancellationToken.None));
        }
        catch (Exception ex)
        {
            await runs.FailAsync(run.Id, JobRuns.Failed, $"The run could not be handed to Hangfire: {ex.GetBaseException().Message}", null, CancellationToken.None);
            throw;
        }

        return run;
    }

    public void EnqueueWebhookDelivery() => client.Enqueue<MonitoringJobs>(j => j.DeliverWebhooksAsync(CancellationToken.None));
}
