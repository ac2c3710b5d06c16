using Microsoft.Extensions.Options;

namespace ConsentApi.Decisions;

/// <summary>Reads Consent changes made on other nodes into this node's decision index, every few hundred milliseconds.</summary>
public sealed partial class DecisionIndexFollower(DecisionIndexSync sync, TimeProvider time, IOptions<DecisionOptions> options,
    ILogger<DecisionIndexFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.FollowIntervalMilliseconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sync.CatchUpAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Logged and retried on the next tick; decisions keep using the index as it stands.
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading Consent changes into the decision index failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
