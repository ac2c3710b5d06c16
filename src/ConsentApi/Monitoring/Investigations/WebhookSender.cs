using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Monitoring.Investigations;

/// <summary>
/// Delivers the webhook outbox: each pending delivery is claimed (a conditional update moves its next attempt past the
/// timeout, so two instances never post it at once), posted with an HMAC signature, and marked delivered on a 2xx or
/// given a later attempt with back-off (30 s doubling, at most 6 hours) otherwise. Never given up: delivery is at
/// least once, and receivers can de-duplicate on X-Registry-Delivery.
/// </summary>
public sealed partial class WebhookSender(IServiceScopeFactory scopes, IHttpClientFactory clients, TimeProvider time, IOptions<MonitoringOptions> options,
    ILogger<WebhookSender> logger)
{
    public const string ClientName = "monitoring-webhook";
    private const int Batch = 50;

    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = time.GetUtcNow().UtcTicks;
        var due = await db.WebhookDeliveries.AsNoTracking().Where(d => d.DeliveredTicks == null && d.NextAttemptTicks <= now)
            .OrderBy(d => d.Id).Take(Batch).ToListAsync(ct);
        var delivered = 0;
        foreach (var delivery in due)
        {
            var lease = now + TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds * 2).Ticks;
            var claimed = await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.DeliveredTicks == null && d.NextAttemptTicks == delivery.NextAttemptTicks)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptTicks, lease), ct);
            if (claimed == 1)
            {
                delivered += await SendAsync(db, delivery, ct) ? 1 : 0;
            }
        }

        return delivered;
    }

    private async Task<bool> SendAsync(RegistryDbContext db, WebhookDelivery delivery, CancellationToken ct)
    {
        string? error;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
            {
                Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Registry-Delivery", delivery.Id.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Registry-Event", "flag.created");
            if (options.Value.WebhookSecret is { Length: > 0 } secret)
            {
                var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(delivery.Payload));
                request.Headers.Add("X-Registry-Signature", "sha256=" + Convert.ToHexStringLower(mac));
            }

            using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
            error = response.IsSuccessStatusCode ? null : $"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
        catch (HttpRequestException ex)
        {
            error = $"Could not reach the receiver: {ex.Message}";
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"The receiver did not answer within {options.Value.WebhookTimeoutSeconds} s.";
        }

        var now = time.GetUtcNow().UtcTicks;
        var attempts = delivery.Attempts + 1;
        if (error is null)
        {
            await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.DeliveredTicks, now).SetProperty(d => d.LastError, (string?)null), CancellationToken.None);
            return true;
        }

        var wait = TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, attempts - 1), 6 * 3600));
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Attempts, attempts)
            .SetProperty(d => d.NextAttemptTicks, now + wait.Ticks).SetProperty(d => d.LastError, error), CancellationToken.None);
        LogFailed(logger, delivery.Id, attempts, error);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} failed (attempt {Attempts}): {Error}")]
    private static partial void LogFailed(ILogger logger, long deliveryId, int attempts, string error);
}
