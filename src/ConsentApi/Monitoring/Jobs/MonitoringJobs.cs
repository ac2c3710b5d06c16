using System.Globalization;
using ConsentApi.Monitoring.Detection;
using ConsentApi.Monitoring.Investigations;
using ConsentApi.Monitoring.Rates;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// The monitoring work as Hangfire runs it (decision 15): a rates or detection run for a day, recorded as an attempt in
/// the registry's run list, and the flag webhook's delivery. Runs of either job take one distributed lock, so they never
/// overlap on any instance (detection reads what rates wrote). A failure is recorded and rethrown for Hangfire to retry.
/// </summary>
public sealed partial class MonitoringJobs(JobRuns runs, JobQueue queue, RatesJob rates, DetectionJob detection, RateRevisions revisions, WebhookSender webhooks,
    JobStorage storage, IOptions<MonitoringOptions> options, Operations.RegistryMetrics metrics, ILogger<MonitoringJobs> logger)
{
    /// <summary>The trigger of a rates run that revises a past day after a registration change learnt late.</summary>
    public const string Revision = "revision";

    /// <summary>The storage lock every monitoring run holds while it works.</summary>
    public const string LockResource = "consent-registry:monitoring-run";

    /// <summary>
    /// Runs <paramref name="job"/> for <paramref name="day"/> (yyyy-MM-dd; null for a scheduled run, which takes the day
    /// before it was scheduled). Hangfire passes the perform context and its shutdown token; the command line calls it
    /// with neither, and then runs the follow-on detection itself.
    /// </summary>
    [JobDisplayName("Monitoring: {0} run for {1} ({2})")]
    public async Task<string> RunAsync(string job, string? day, string trigger, string requestedBy, long? queuedRunId, PerformContext? context,
        CancellationToken ct)
    {
        if (!JobNames.All.Contains(job))
        {
            throw new ArgumentException($"Unknown job '{job}': the jobs are {string.Join(", ", JobNames.All)}.", nameof(job));
        }

        var target = day is null
            ? DateOnly.FromDateTime(context?.BackgroundJob.CreatedAt ?? throw new ArgumentNullException(nameof(day), "A run outside Hangfire names its day.")).AddDays(-1)
            : DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var settings = options.Value;
        using var ownConnection = context is null ? storage.GetConnection() : null;
        using var exclusive = (context?.Connection ?? ownConnection!).AcquireDistributedLock(LockResource, TimeSpan.FromSeconds(settings.LockTimeoutSeconds));
        var run = await runs.StartAsync(queuedRunId, job, target, trigger, requestedBy, context?.BackgroundJob.Id, settings.Node, ct);
        using var activity = Operations.RegistryMetrics.Source.StartActivity($"monitoring {job}");
        activity?.SetTag("consentregistry.job", job);
        activity?.SetTag("consentregistry.job.day", run.TargetDay);
        activity?.SetTag("consentregistry.job.trigger", trigger);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var (rows, outcome) = job == JobNames.Rates ? await rates.RunAsync(target, run.Id, ct) : await detection.RunAsync(target, run.Id, ct);
            if (context is not null && job == JobNames.Rates)
            {
                // Queued before this run is marked done, so no reader sees a finished rates run without its detection run.
                await queue.EnqueueAsync(JobNames.Detection, target, "after-rates", $"rates run {run.Id}", ct);
                if (trigger != Revision)
                {
                    // Registration changes learnt since earlier days were counted (backdated moves, late deaths): those days again.
                    foreach (var stale in (await revisions.StaleDaysAsync(target, ct)).Where(d => d != target))
                    {
                        await queue.EnqueueAsync(JobNames.Rates, stale, Revision, $"rates run {run.Id}", ct);
                    }
                }
            }
            else if (context is not null && rows > 0)
            {
                queue.EnqueueWebhookDelivery();
            }

            await runs.SucceedAsync(run, rows, outcome, CancellationToken.None);
            metrics.JobRan(job, clock.Elapsed, succeeded: true);
            LogSucceeded(logger, job, run.TargetDay, run.Attempt, outcome);
            return outcome;
        }
        catch (Exception ex) when (ct.IsCancellationRequested)
        {
            await runs.FailAsync(run.Id, JobRuns.Abandoned, "The instance was stopping; the run was stopped before it finished.",
                context is null ? null : "Hangfire runs it again when an instance next fetches it.", CancellationToken.None);
            LogStopped(logger, ex, job, run.TargetDay, run.Attempt);
            throw;
        }
        catch (Exception ex)
        {
            // Outside Hangfire (the command line) nothing retries; inside, its retry count says what comes next.
            var next = context?.GetJobParameter<int>("RetryCount") switch
            {
                null => null,
                { } retries when retries + 1 < settings.MaxAttempts =>
                    $"Hangfire retries it in {JobRetryFilters.DelaySeconds(settings, retries + 1)} s (attempt {retries + 2} of {settings.MaxAttempts}).",
                _ => $"Gave up after {settings.MaxAttempts} attempts: retry it from the job dashboard or run the day again.",
            };
            await runs.FailAsync(run.Id, JobRuns.Failed, Describe(ex), next, CancellationToken.None);
            metrics.JobRan(job, clock.Elapsed, succeeded: false);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            LogFailed(logger, ex, job, run.TargetDay, run.Attempt);
            throw;
        }
    }

    /// <summary>Posts new flags to the configured webhook (every minute, and straight after a detection run that raised flags).</summary>
    [JobDisplayName("Monitoring: deliver flag webhooks")]
    public Task DeliverWebhooksAsync(CancellationToken ct) => webhooks.DeliverDueAsync(ct);

    /// <summary>What staff read on the run: the outer exception's kind and the innermost message (where the cause is).</summary>
    private static string Describe(Exception ex)
    {
        var inner = ex.GetBaseException();
        return ReferenceEquals(inner, ex) ? $"{ex.GetType().Name}: {ex.Message}" : $"{ex.GetType().Name}: {inner.Message}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} for {Day} (attempt {Attempt}) succeeded: {Outcome}")]
    private static partial void LogSucceeded(ILogger logger, string job, string day, int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} for {Day} (attempt {Attempt}) failed")]
    private static partial void LogFailed(ILogger logger, Exception ex, string job, string day, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job} for {Day} (attempt {Attempt}) was stopped by the instance shutting down")]
    private static partial void LogStopped(ILogger logger, Exception ex, string job, string day, int attempt);
}
