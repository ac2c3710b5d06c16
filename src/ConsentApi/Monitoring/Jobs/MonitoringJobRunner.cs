using System.Globalization;
using ConsentApi.Monitoring.Detection;
using ConsentApi.Monitoring.Rates;
using Microsoft.Extensions.Options;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// Runs queued job runs on this instance, one at a time: claims a run (only one instance can), keeps its heartbeat
/// while it works, records success or the error, and queues the retry or the follow-on detection run. A failure is
/// recorded on the run and logged, never dropped.
/// </summary>
public sealed partial class MonitoringJobRunner(IServiceScopeFactory scopes, IOptions<MonitoringOptions> options, ILogger<MonitoringJobRunner> logger)
    : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public string Node { get; } = options.Value.NodeName ?? $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Runs everything due; returns how many runs this call executed (0 if another call on this instance is already at it).</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        if (!await gate.WaitAsync(0, ct))
        {
            return 0;
        }

        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<JobRuns>().RecoverStaleAsync(ct);
            }

            var executed = 0;
            while (!ct.IsCancellationRequested)
            {
                JobRun? run;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    run = await scope.ServiceProvider.GetRequiredService<JobRuns>().ClaimNextAsync(Node, ct);
                }

                if (run is null)
                {
                    break;
                }

                await ExecuteAsync(run, ct);
                executed++;
            }

            return executed;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ExecuteAsync(JobRun run, CancellationToken ct)
    {
        using var stopHeartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = HeartbeatAsync(run.Id, stopHeartbeat.Token);
        var day = DateOnly.ParseExact(run.TargetDay, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var (rows, outcome) = run.Job switch
            {
                JobNames.Rates => await scope.ServiceProvider.GetRequiredService<RatesJob>().RunAsync(day, run.Id, ct),
                JobNames.Detection => await scope.ServiceProvider.GetRequiredService<DetectionJob>().RunAsync(day, run.Id, ct),
                _ => throw new InvalidOperationException($"Unknown job '{run.Job}'."),
            };
            await stopHeartbeat.CancelAsync();
            await heartbeat;
            var runs = scope.ServiceProvider.GetRequiredService<JobRuns>();
            var followUp = run.Job == JobNames.Rates ? JobNames.Detection : null;
            await runs.SucceedAsync(run, rows, outcome, followUp, CancellationToken.None);
            LogSucceeded(logger, run.Job, run.TargetDay, run.Attempt, outcome);
        }
#pragma warning disable CA1031 // A job's failure of any kind is recorded on its run and retried; it must not stop the runner.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await stopHeartbeat.CancelAsync();
            await heartbeat;
            var stopped = ct.IsCancellationRequested;
            var error = stopped ? "The instance was shutting down; the run was stopped before it finished." : Describe(ex);
            LogFailed(logger, ex, run.Job, run.TargetDay, run.Attempt);
            await using var scope = scopes.CreateAsyncScope();
            var retry = await scope.ServiceProvider.GetRequiredService<JobRuns>().FailAsync(run, "failed", error, CancellationToken.None);
            if (retry is null)
            {
                LogGaveUp(logger, run.Job, run.TargetDay, run.Attempt);
            }
        }
    }

    private async Task HeartbeatAsync(long runId, CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HeartbeatSeconds));
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<JobRuns>().HeartbeatAsync(runId, ct);
                }
                catch (System.Data.Common.DbException ex)
                {
                    // A missed heartbeat is survivable (the next one may land); only a long silence hands the run over.
                    LogHeartbeatMissed(logger, ex, runId);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The run finished (or the instance is stopping): no more heartbeats, by design.
        }
    }

    /// <summary>What staff read on the run: the outer exception's kind and the innermost message (where the cause is).</summary>
    private static string Describe(Exception ex)
    {
        var inner = ex.GetBaseException();
        return ReferenceEquals(inner, ex) ? $"{ex.GetType().Name}: {ex.Message}" : $"{ex.GetType().Name}: {inner.Message}";
    }

    public void Dispose() => gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} for {Day} (attempt {Attempt}) succeeded: {Outcome}")]
    private static partial void LogSucceeded(ILogger logger, string job, string day, int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} for {Day} (attempt {Attempt}) failed")]
    private static partial void LogFailed(ILogger logger, Exception ex, string job, string day, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat for job run {RunId} could not be written")]
    private static partial void LogHeartbeatMissed(ILogger logger, Exception ex, long runId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Job {Job} for {Day} failed on its last attempt ({Attempt}); staff must look at it")]
    private static partial void LogGaveUp(ILogger logger, string job, string day, int attempt);
}
