using ConsentApi.Consents;
using Microsoft.Extensions.Options;

namespace ConsentApi.Subscriptions;

/// <summary>Runs subscription fan-out and delivery on this instance: at once after a local write, and every PollMilliseconds for the rest.</summary>
public sealed partial class SubscriptionWorker(SubscriptionFanout fanout, SubscriptionDelivery delivery, ConsentWrites writes,
    IOptions<SubscriptionOptions> options, ILogger<SubscriptionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await fanout.RunAsync(stoppingToken);
                await delivery.DeliverDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nothing is lost: the checkpoint and the outbox are in the database; the next round starts from them.
                LogRoundFailed(logger, ex);
            }

            try
            {
                await writes.WaitAsync(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                await delivery.DrainAsync();
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscription fan-out or delivery round failed; it will be retried")]
    private static partial void LogRoundFailed(ILogger logger, Exception ex);
}
