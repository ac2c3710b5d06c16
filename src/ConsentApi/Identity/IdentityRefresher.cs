using Microsoft.Extensions.Options;

namespace ConsentApi.Identity;

/// <summary>Reloads signing keys and client states on an interval, so rotations and disabled clients reach every node.</summary>
public sealed partial class IdentityRefresher(SigningKeyStore keys, ClientRegistry clients, IOptions<AuthOptions> options, TimeProvider time,
    ILogger<IdentityRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await keys.RefreshAsync(stoppingToken);
                await clients.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The previous keys and states stay in force; the next tick tries again.
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading signing keys and client states failed; keeping the previous ones")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
