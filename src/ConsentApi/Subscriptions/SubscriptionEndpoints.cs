using FhirAdapters.Primitives;
using Hl7.Fhir.Utility;
using System.Security.Claims;
using ConsentApi.Consents;
using ConsentApi.Fhir;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using FhirAdapters.Outcomes;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Subscriptions;

/// <summary>
/// FHIR Subscription: create, read, update, delete and search, for client systems. A client sees and changes only its
/// own subscriptions (another's answers 404), and may subscribe only when its token may read Consents.
/// </summary>
public static class SubscriptionEndpoints
{
    private static readonly HashSet<string> SearchParameters = new(StringComparer.Ordinal) { "status", "url", "criteria", "_count", "_format", "_pretty" };

    public static IEndpointRouteBuilder MapSubscriptions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/fhir/Subscription").WithTags("Subscription");
        group.MapPost("", Create).WithName("CreateSubscription").RequireAuthorization(AccessPolicies.SubscriptionCreate);
        group.MapGet("", Search).WithName("SearchSubscriptions").RequireAuthorization(AccessPolicies.SubscriptionSearch);
        group.MapGet("/{id}", Read).WithName("ReadSubscription").RequireAuthorization(AccessPolicies.SubscriptionRead);
        group.MapPut("/{id}", Update).WithName("UpdateSubscription").RequireAuthorization(AccessPolicies.SubscriptionUpdate);
        group.MapDelete("/{id}", Delete).WithName("DeleteSubscription").RequireAuthorization(AccessPolicies.SubscriptionDelete);
        return app;
    }

    public static async Task<IResult> Create(HttpContext context, RegistryDbContext db, IOptions<SubscriptionOptions> options, TimeProvider time,
        ConsentWrites writes, CancellationToken ct)
    {
        var client = RequireClient(context.User);
        var now = time.GetUtcNow();
        var (subscription, _) = await SubscriptionRequests.ReadAsync(context, options.Value, now);
        if (await db.Subscriptions.CountAsync(s => s.ClientId == client && !s.IsDeleted, ct) >= options.Value.MaxPerClient)
        {
            throw new FhirErrorException(StatusCodes.Status422UnprocessableEntity, "business-rule",
                $"This client already holds {options.Value.MaxPerClient} subscriptions, the most allowed: delete ones it no longer needs, or widen one's criteria.");
        }

        var record = new SubscriptionRecord
        {
            Id = Guid.NewGuid().ToString(),
            ClientId = client,
            VersionId = 1,
            Status = subscription.Status?.GetLiteral() == SubscriptionRecord.Off ? SubscriptionRecord.Off : SubscriptionRecord.Requested,
            Criteria = subscription.Criteria!,
            Endpoint = subscription.Channel!.Endpoint!,
            Payload = subscription.Channel.Payload,
            ResourceJson = SubscriptionViews.Stored(subscription),
            NextAttemptTicks = now.UtcTicks,
            StartSeq = await db.CurrentSnapshotAsync(ct),
            EndTicks = EndTicks(subscription),
            CreatedTicks = now.UtcTicks,
            UpdatedTicks = now.UtcTicks,
        };
        db.Subscriptions.Add(record);
        await db.SaveChangesAsync(ct);
        writes.Committed();
        return Written(context, record, StatusCodes.Status201Created);
    }

    public static async Task<IResult> Read(string id, HttpContext context, RegistryDbContext db, CancellationToken ct)
    {
        var record = await FindOwnAsync(db, id, RequireClient(context.User), ct);
        return FhirResults.Resource(SubscriptionViews.ToFhir(record), StatusCodes.Status200OK, Headers(record));
    }

    public static async Task<IResult> Update(string id, HttpContext context, RegistryDbContext db, IOptions<SubscriptionOptions> options, TimeProvider time,
        ConsentWrites writes, CancellationToken ct)
    {
        var record = await FindOwnAsync(db, id, RequireClient(context.User), ct);
        var ifMatch = ConsentRequests.IfMatch(context.Request);
        var now = time.GetUtcNow();
        var (subscription, _) = await SubscriptionRequests.ReadAsync(context, options.Value, now);
        if (subscription.Id != id)
        {
            throw new FhirErrorException(StatusCodes.Status400BadRequest, "invalid", $"Subscription.id must be '{id}', the id in the URL.", "Subscription.id");
        }

        if (ifMatch is { } expected && expected != record.VersionId)
        {
            throw new FhirErrorException(StatusCodes.Status412PreconditionFailed, "conflict",
                $"Subscription/{id} is at version {record.VersionId}, not {expected}: read it again and re-apply the change.");
        }

        var sameChannel = record.Endpoint == subscription.Channel!.Endpoint && record.Payload == subscription.Channel.Payload
            && SubscriptionViews.ToFhir(record).Channel.Header.SequenceEqual(subscription.Channel.Header);
        var turnOff = subscription.Status?.GetLiteral() == SubscriptionRecord.Off;
        var keepActive = !turnOff && record.Status == SubscriptionRecord.Active && sameChannel;

        // The next version, built once: written under the version check, and answered as written (not read back:
        // delivery may already have moved it on, a handshake for one).
        var version = record.VersionId;
        record.VersionId = version + 1;
        record.Status = turnOff ? SubscriptionRecord.Off : keepActive ? SubscriptionRecord.Active : SubscriptionRecord.Requested;
        record.Criteria = subscription.Criteria!;
        record.Endpoint = subscription.Channel.Endpoint!;
        record.Payload = subscription.Channel.Payload;
        record.ResourceJson = SubscriptionViews.Stored(subscription);
        record.Error = keepActive ? record.Error : null;
        record.Failures = keepActive ? record.Failures : 0;
        record.NextAttemptTicks = now.UtcTicks;
        record.EndTicks = EndTicks(subscription);
        record.UpdatedTicks = now.UtcTicks;
        var changed = await db.Subscriptions.Where(s => s.Id == id && s.VersionId == version)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.VersionId, record.VersionId)
                .SetProperty(x => x.Status, record.Status)
                .SetProperty(x => x.Criteria, record.Criteria)
                .SetProperty(x => x.Endpoint, record.Endpoint)
                .SetProperty(x => x.Payload, record.Payload)
                .SetProperty(x => x.ResourceJson, record.ResourceJson)
                .SetProperty(x => x.Error, record.Error)
                .SetProperty(x => x.Failures, record.Failures)
                .SetProperty(x => x.NextAttemptTicks, record.NextAttemptTicks)
                .SetProperty(x => x.EndTicks, record.EndTicks)
                .SetProperty(x => x.UpdatedTicks, record.UpdatedTicks), ct);
        if (changed == 0)
        {
            throw new FhirErrorException(StatusCodes.Status409Conflict, "conflict", $"Subscription/{id} was changed at the same moment by another request; read it again and retry.");
        }

        writes.Committed();
        return Written(context, record, StatusCodes.Status200OK);
    }

    public static async Task<IResult> Delete(string id, HttpContext context, RegistryDbContext db, TimeProvider time, CancellationToken ct)
    {
        var record = await FindOwnAsync(db, id, RequireClient(context.User), ct);
        var now = time.GetUtcNow().UtcTicks;
        await db.Subscriptions.Where(s => s.Id == record.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsDeleted, true)
            .SetProperty(x => x.Status, SubscriptionRecord.Off).SetProperty(x => x.VersionId, record.VersionId + 1).SetProperty(x => x.UpdatedTicks, now), ct);
        return FhirResults.Resource(Issues.Outcome("information", "informational",
            $"Subscription/{id} was deleted: no further notifications will be sent for it."), StatusCodes.Status200OK);
    }

    public static async Task<IResult> Search(HttpContext context, RegistryDbContext db, CancellationToken ct)
    {
        var client = RequireClient(context.User);
        foreach (var key in context.Request.Query.Keys.Where(k => !SearchParameters.Contains(k)))
        {
            throw new FhirErrorException(StatusCodes.Status400BadRequest, "not-supported",
                $"Search parameter '{key}' is not supported on Subscription: use status, url (the endpoint) or criteria.", key);
        }

        var query = db.Subscriptions.AsNoTracking().Where(s => s.ClientId == client && !s.IsDeleted);
        if (context.Request.Query["status"].ToString() is { Length: > 0 } status)
        {
            var statuses = status.Split(',');
            query = query.Where(s => statuses.Contains(s.Status));
        }

        if (context.Request.Query["url"].ToString() is { Length: > 0 } url)
        {
            query = query.Where(s => s.Endpoint == url);
        }

        if (context.Request.Query["criteria"].ToString() is { Length: > 0 } criteria)
        {
            query = query.Where(s => s.Criteria == criteria);
        }

        var records = await query.OrderBy(s => s.CreatedTicks).ToListAsync(ct);
        var baseUrl = FhirBaseUrl.Get(context);
        return FhirResults.Resource(new Bundle
        {
            Type = Bundle.BundleType.Searchset,
            Total = records.Count,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = $"{baseUrl}/Subscription{context.Request.QueryString}" }],
            Entry = [.. records.Select(r => new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/Subscription/{r.Id}",
                Resource = SubscriptionViews.ToFhir(r),
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            })],
        });
    }

    /// <summary>The calling client: subscriptions belong to client systems whose token may read Consents.</summary>
    private static string RequireClient(ClaimsPrincipal user)
    {
        if (PatientAccess.Of(user) is not null || user.FindFirstValue(IdentityClaims.ClientId) is not { } client)
        {
            throw new FhirErrorException(StatusCodes.Status403Forbidden, "forbidden", "Subscriptions are for client systems: sign in with the client credentials grant.");
        }

        if (!ScopeRequirement.On("Consent", 'r').IsMetBy(ScopeHandler.TokenScopes(user).Where(s => s.StartsWith("system/", StringComparison.Ordinal))))
        {
            throw new FhirErrorException(StatusCodes.Status403Forbidden, "forbidden",
                $"A subscription notifies Consent changes, so the token must also carry {RegistryScopes.ConsentRead}.");
        }

        return client;
    }

    private static async Task<SubscriptionRecord> FindOwnAsync(RegistryDbContext db, string id, string client, CancellationToken ct) =>
        await db.Subscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.ClientId == client && !s.IsDeleted, ct)
        ?? throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"Subscription/{id} is not known to this registry.");

    private static long? EndTicks(Subscription subscription) =>
        subscription.EndElement?.ToString() is { } end && FhirDateRange.TryParse(end, out var at) ? at.Start.UtcTicks : null;

    private static ResourceHeaders Headers(SubscriptionRecord record) =>
        new(record.VersionId, new DateTimeOffset(record.UpdatedTicks, TimeSpan.Zero));

    private static IResult Written(HttpContext context, SubscriptionRecord record, int status) =>
        FhirResults.Resource(SubscriptionViews.ToFhir(record), status,
            Headers(record) with { Location = $"{FhirBaseUrl.Get(context)}/Subscription/{record.Id}/_history/{record.VersionId}" });
}
