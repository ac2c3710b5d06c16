using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ConsentApi.Audit;
using ConsentApi.Consents;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Subscriptions;

/// <summary>
/// Sends what subscriptions are owed. A subscription is claimed before it is served (a conditional move of its next
/// attempt, so two instances never serve it at once). A requested one gets a handshake first; an active one gets its
/// queued notifications oldest first, stopping at the first failure, so a client sees each person's changes in order.
/// Failures back off (doubling from RetryBaseSeconds); after MaxFailures in a row the subscription goes to error and
/// waits, its changes still queued, until the client re-activates it. Delivery is at least once: receivers can drop
/// repeats by X-Subscription-Sequence.
/// <para>
/// Endpoints are isolated from each other: every subscription is served on its own, a round never waits for one to
/// finish, a client has at most <see cref="PerClient"/> subscriptions being served at once on a node, and a serve stops
/// after its time budget (the rest goes next round). So one client's slow or hanging endpoints use up only that
/// client's share and never delay another client's notifications.
/// </para>
/// </summary>
public sealed partial class SubscriptionDelivery(IServiceScopeFactory scopes, IHttpClientFactory http, ClientRegistry clients, AuditLog audit,
    TimeProvider time, IOptions<SubscriptionOptions> options, ILogger<SubscriptionDelivery> logger)
{
    public const string ClientName = "subscriptions";

    /// <summary>Subscriptions of one client served at once on this node.</summary>
    public const int PerClient = 2;

    /// <summary>Subscriptions served at once on this node.</summary>
    public const int MaxServing = 64;
    private const int Batch = 100;

    /// <summary>What this node is serving: subscription id → (client id, the serve).</summary>
    private readonly ConcurrentDictionary<string, (string Client, Task Serve)> serving = new(StringComparer.Ordinal);

    /// <summary>Starts serving every due subscription there is room for, and returns without waiting for any of them.</summary>
    public async Task DeliverDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = time.GetUtcNow().UtcTicks;
        var due = await db.Subscriptions.AsNoTracking()
            .Where(s => !s.IsDeleted && s.NextAttemptTicks <= now && (s.Status == SubscriptionRecord.Requested
                || (s.Status == SubscriptionRecord.Active && db.SubscriptionNotifications.Any(n => n.SubscriptionId == s.Id && n.DeliveredTicks == null))))
            .OrderBy(s => s.NextAttemptTicks)
            .ToListAsync(ct);
        foreach (var subscription in due)
        {
            if (serving.Count >= MaxServing)
            {
                break;
            }

            if (serving.ContainsKey(subscription.Id) || serving.Values.Count(v => v.Client == subscription.ClientId) >= PerClient)
            {
                continue; // already being served, or its client's share is in use: next round
            }

            var started = new TaskCompletionSource();
            if (serving.TryAdd(subscription.Id, (subscription.ClientId, started.Task)))
            {
                _ = ServeOnItsOwnAsync(subscription, started, ct);
            }
        }
    }

    /// <summary>Waits for the serves in flight (on shutdown, after the token has stopped them).</summary>
    public Task DrainAsync() => Task.WhenAll(serving.Values.Select(v => v.Serve));

    private async Task ServeOnItsOwnAsync(SubscriptionRecord subscription, TaskCompletionSource done, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await ServeAsync(subscription, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the lease lapses and the next round (here or on another node) takes it up.
        }
#pragma warning disable CA1031 // A serve's fault is logged; the subscription's lease lapses and it is retried. It must not stop delivery.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogServeFailed(logger, ex, subscription.Id);
        }
        finally
        {
            serving.TryRemove(subscription.Id, out _);
            done.TrySetResult();
        }
    }

    private async Task ServeAsync(SubscriptionRecord subscription, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = time.GetUtcNow();
        var lease = now.AddSeconds(options.Value.TimeoutSeconds * 3 + 5).UtcTicks;
        var budget = now.AddSeconds(options.Value.TimeoutSeconds * 2);
        if (await UpdateAsync(db, subscription, s => s.SetProperty(x => x.NextAttemptTicks, lease), ct) == 0)
        {
            return; // Another instance has it, or the client changed it meanwhile.
        }

        if (clients.Find(subscription.ClientId) is not { Enabled: true } client || !ScopeRequirement.On("Consent", 'r').IsMetBy(client.AllowedScopes))
        {
            await SetAsync(db, subscription, SubscriptionRecord.InError, subscription.Failures, now.UtcTicks,
                $"Client {subscription.ClientId} is disabled or may no longer read Consents, so nothing is sent; re-activate once its access is restored.", ct);
            return;
        }

        if (subscription.EndTicks is { } end && end <= now.UtcTicks)
        {
            await SetAsync(db, subscription, SubscriptionRecord.Off, 0, now.UtcTicks, "The subscription reached its end time.", ct);
            return;
        }

        var channel = FhirJson.Parse<Subscription>(subscription.ResourceJson).Channel!;
        if (subscription.Status == SubscriptionRecord.Requested)
        {
            var handshake = await SendAsync(subscription, channel, HttpMethod.Post, subscription.Endpoint, null, "handshake", null, null, ct);
            await (handshake is null
                ? SetAsync(db, subscription, SubscriptionRecord.Active, 0, time.GetUtcNow().UtcTicks, null, ct)
                : FailAsync(db, subscription, $"Handshake failed: {handshake}", ct));
            return;
        }

        var pending = await db.SubscriptionNotifications.AsNoTracking().Where(n => n.SubscriptionId == subscription.Id && n.DeliveredTicks == null)
            .OrderBy(n => n.Seq).Take(Batch).ToListAsync(ct);
        foreach (var notification in pending)
        {
            if (time.GetUtcNow() >= budget)
            {
                break; // the rest next round, so this serve's share is freed in bounded time
            }

            var version = await db.VersionAsync(notification.ResourceId, notification.VersionId, PersonScope.Everyone, ct);
            var error = await NotifyAsync(subscription, channel, notification, version, ct);
            var at = time.GetUtcNow().UtcTicks;
            await using (var transaction = await WriteTransaction.BeginAsync(db, ct))
            {
                await db.SubscriptionNotifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(n => n
                    .SetProperty(x => x.Attempts, notification.Attempts + 1)
                    .SetProperty(x => x.DeliveredTicks, error is null ? at : null)
                    .SetProperty(x => x.LastError, error), ct);
                await transaction.CommitAsync(ct);
            }

            if (error is not null)
            {
                await FailAsync(db, subscription, error, ct);
                return;
            }

            await AuditSentAsync(db, client, notification, version, ct);
        }

        await SetAsync(db, subscription, SubscriptionRecord.Active, 0, time.GetUtcNow().UtcTicks, null, ct);
    }

    /// <summary>
    /// A notification told the client about a person's Consent: audited against that person, as any read is (the person
    /// of a deletion is the one of the version before it).
    /// </summary>
    private async Task AuditSentAsync(RegistryDbContext db, ApiClient client, SubscriptionNotification n, ConsentVersion? version, CancellationToken ct)
    {
        if (version is not null && await db.SubjectOfAsync(version, ct) is { } nhs && NhsNumber.TryParse(nhs, out var person))
        {
            await audit.EnqueueAsync(new AuditEntry("notification", "R", new AuditActor(IdentityClaims.ClientActor, client.ClientId, client.OdsCode, client.Name),
                [person], null, $"Consent/{n.ResourceId}/_history/{n.VersionId.ToString(CultureInfo.InvariantCulture)} sent to the client's subscription endpoint"), ct);
        }
    }

    /// <summary>Empty payload: a POST with no body. FHIR JSON: the version PUT to {endpoint}/Consent/{id}, or a DELETE for a deletion.</summary>
    private async Task<string?> NotifyAsync(SubscriptionRecord subscription, Subscription.ChannelComponent channel, SubscriptionNotification n, ConsentVersion? version,
        CancellationToken ct)
    {
        var reference = $"Consent/{n.ResourceId}/_history/{n.VersionId.ToString(CultureInfo.InvariantCulture)}";
        if (subscription.Payload is null)
        {
            return await SendAsync(subscription, channel, HttpMethod.Post, subscription.Endpoint, null, "notification", n.Seq, reference, ct);
        }

        var url = $"{subscription.Endpoint.TrimEnd('/')}/Consent/{n.ResourceId}";
        if (n.IsDeleted)
        {
            return await SendAsync(subscription, channel, HttpMethod.Delete, url, null, "notification", n.Seq, reference, ct);
        }

        var json = version?.ResourceJson ?? throw new InvalidOperationException($"{reference} is queued for notification but is not stored.");
        return await SendAsync(subscription, channel, HttpMethod.Put, url, json, "notification", n.Seq, reference, ct);
    }

    private async Task<string?> SendAsync(SubscriptionRecord subscription, Subscription.ChannelComponent channel, HttpMethod method, string url, string? body,
        string kind, long? seq, string? reference, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, SubscriptionRequests.FhirJsonPayload);
        }
        else if (method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent([]);
        }

        foreach (var header in channel.Header.OfType<string>())
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            request.Headers.TryAddWithoutValidation(header[..colon].Trim(), header[(colon + 1)..].Trim());
        }

        request.Headers.Add("X-Subscription-Id", subscription.Id);
        request.Headers.Add("X-Subscription-Event", kind);
        if (seq is { } sequence)
        {
            request.Headers.Add("X-Subscription-Sequence", sequence.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Registry-Resource", reference);
        }

        try
        {
            using var response = await http.CreateClient(ClientName).SendAsync(request, ct);
            return response.IsSuccessStatusCode ? null : $"{method} {url} was answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
        catch (HttpRequestException ex)
        {
            return $"{method} {url} could not be sent: {ex.Message}";
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"{method} {url} was not answered within {options.Value.TimeoutSeconds} s.";
        }
    }

    private async Task FailAsync(RegistryDbContext db, SubscriptionRecord subscription, string error, CancellationToken ct)
    {
        var failures = subscription.Failures + 1;
        var settings = options.Value;
        var wait = TimeSpan.FromSeconds(Math.Min(settings.RetryBaseSeconds * Math.Pow(2, failures - 1), settings.MaxBackoffSeconds));
        var status = failures >= settings.MaxFailures ? SubscriptionRecord.InError : subscription.Status;
        var when = time.GetUtcNow();
        var message = status == SubscriptionRecord.InError
            ? $"{error} ({failures} failures in a row; notifications are kept and sent once the subscription is re-activated with status 'requested'.)"
            : $"{error} (failure {failures}; next attempt at {when.Add(wait):yyyy-MM-ddTHH:mm:ssZ}.)";
        await SetAsync(db, subscription, status, failures, when.Add(wait).UtcTicks, message, ct);
        LogFailed(logger, subscription.Id, failures, error);
    }

    /// <summary>Records the outcome, unless the client changed the subscription meanwhile (its new version starts afresh).</summary>
    private static async Task SetAsync(RegistryDbContext db, SubscriptionRecord seen, string status, int failures, long nextAttempt, string? error, CancellationToken ct)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.Subscriptions.Where(s => s.Id == seen.Id && s.VersionId == seen.VersionId && s.Status != SubscriptionRecord.Off && !s.IsDeleted)
            .ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Status, status)
            .SetProperty(x => x.Failures, failures)
            .SetProperty(x => x.NextAttemptTicks, nextAttempt)
            .SetProperty(x => x.Error, error), ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task<int> UpdateAsync(RegistryDbContext db, SubscriptionRecord seen,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<SubscriptionRecord>> set, CancellationToken ct)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var changed = await db.Subscriptions.Where(s => s.Id == seen.Id && s.VersionId == seen.VersionId && s.NextAttemptTicks == seen.NextAttemptTicks)
            .ExecuteUpdateAsync(set, ct);
        await transaction.CommitAsync(ct);
        return changed;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Serving subscription {SubscriptionId} failed; it is retried when its lease lapses")]
    private static partial void LogServeFailed(ILogger logger, Exception ex, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} notification failed ({Failures} in a row): {Error}")]
    private static partial void LogFailed(ILogger logger, string subscriptionId, int failures, string error);
}
