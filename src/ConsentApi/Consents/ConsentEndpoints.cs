using ConsentApi.Identity;
using System.Globalization;
using ConsentApi.Audit;
using ConsentApi.Consents.Search;
using ConsentApi.Fhir;
using ConsentApi.Persistence;
using FhirAdapters.Outcomes;
using FhirAdapters.Primitives;
using Microsoft.Extensions.Options;

namespace ConsentApi.Consents;

/// <summary>The FHIR REST interactions on Consent: create, read, vread, update, delete, search and history.</summary>
public static class ConsentEndpoints
{
    public static IEndpointRouteBuilder MapConsents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/fhir/Consent").WithTags("Consent");
        group.MapPost("", Create).WithName("CreateConsent").RequireAuthorization(AccessPolicies.ConsentCreate);
        group.MapGet("", Search).WithName("SearchConsents").RequireAuthorization(AccessPolicies.ConsentSearch);
        group.MapPost("/_search", SearchWithPost).WithName("SearchConsentsWithPost").RequireAuthorization(AccessPolicies.ConsentSearch);
        group.MapGet("/_history", TypeHistory).WithName("ConsentTypeHistory").RequireAuthorization(AccessPolicies.ConsentSearch);
        group.MapPost("/$validate", (Delegate)ConsentValidation.Validate).WithName("ValidateConsent").RequireAuthorization(AccessPolicies.ConsentCreate);
        group.MapGet("/{id}", Read).WithName("ReadConsent").RequireAuthorization(AccessPolicies.ConsentRead);
        group.MapPut("/{id}", Update).WithName("UpdateConsent").RequireAuthorization(AccessPolicies.ConsentUpdate);
        group.MapDelete("/{id}", Delete).WithName("DeleteConsent").RequireAuthorization(AccessPolicies.ConsentDelete);
        group.MapGet("/{id}/_history", InstanceHistory).WithName("ConsentInstanceHistory").RequireAuthorization(AccessPolicies.ConsentRead);
        group.MapGet("/{id}/_history/{versionId}", VRead).WithName("VReadConsent").RequireAuthorization(AccessPolicies.ConsentRead);
        return app;
    }

    public static async Task<IResult> Create(HttpContext context, ConsentStore store, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var consent = await ConsentRequests.ReadConsentAsync(context);
        PatientAccess.Of(context.User)?.RequireCanChange(consent.Patient?.Identifier?.Value);
        var condition = ConsentRequests.IfNoneExist(context, time.GetUtcNow());
        var result = await store.CreateAsync(consent, condition, PersonScope.Of(context.User), AuditActor.ForChangeTo(context, consent.Patient?.Identifier?.Value), ct);
        if (result.Kind != WriteKind.ExistingMatched)
        {
            return Written(context, result.Version, StatusCodes.Status201Created, "The Consent was recorded.");
        }

        // A match is returned to the caller: a read of that person's Consent, audited as one.
        await audit.RecordReadAsync(context, "read", [result.Version.PatientNhsNumber], ct);
        return Written(context, result.Version, StatusCodes.Status200OK, "An existing Consent matched If-None-Exist; nothing was created.");
    }

    public static async Task<IResult> Read(string id, HttpContext context, RegistryDbContext db, SqliteReadStatements reads, AuditLog audit, CancellationToken ct)
    {
        ConsentRequests.RequireValidId(id);
        var version = await db.LatestAsync(id, PersonScope.Of(context.User), ct, reads) ?? throw NotFound(id);
        await audit.RecordReadAsync(context, "read", [await db.SubjectOfAsync(version, ct)], ct);
        return Stored(version);
    }

    public static async Task<IResult> VRead(string id, string versionId, HttpContext context, RegistryDbContext db, SqliteReadStatements reads, AuditLog audit,
        CancellationToken ct)
    {
        ConsentRequests.RequireValidId(id);
        if (!int.TryParse(versionId, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"Consent/{id} has no version '{versionId}': versions are 1, 2, 3...");
        }

        var scope = PersonScope.Of(context.User);
        var version = await db.VersionAsync(id, number, scope, ct, reads)
            ?? throw (scope.IsRestricted ? NotFound(id) : new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"Consent/{id} has no version {number}."));
        await audit.RecordReadAsync(context, "vread", [await db.SubjectOfAsync(version, ct)], ct);
        return Stored(version);
    }

    public static async Task<IResult> Update(string id, HttpContext context, ConsentStore store, RegistryDbContext db, CancellationToken ct)
    {
        ConsentRequests.RequireValidId(id);
        var ifMatch = ConsentRequests.IfMatch(context.Request);
        var consent = await ConsentRequests.ReadConsentAsync(context);
        if (consent.Id != id)
        {
            throw new FhirErrorException(StatusCodes.Status400BadRequest, "invalid",
                consent.Id is null
                    ? $"Consent.id is missing: an update must carry the id of the Consent it replaces ('{id}')."
                    : $"Consent.id '{consent.Id}' does not match the URL's id '{id}'.",
                "Consent.id");
        }

        await RequirePatientMayChangeAsync(context, id, consent.Patient?.Identifier?.Value, db, ct);
        var result = await store.UpdateAsync(id, consent, ifMatch, AuditActor.ForChangeTo(context, consent.Patient?.Identifier?.Value), ct);
        return Written(context, result.Version, StatusCodes.Status200OK, "The Consent was updated; the previous version is kept in its history.");
    }

    public static async Task<IResult> Delete(string id, HttpContext context, ConsentStore store, RegistryDbContext db, CancellationToken ct)
    {
        ConsentRequests.RequireValidId(id);
        var subject = await RequirePatientMayChangeAsync(context, id, null, db, ct);
        var result = await store.DeleteAsync(id, ConsentRequests.IfMatch(context.Request), AuditActor.ForChangeTo(context, subject), ct);
        var message = result.Kind == WriteKind.AlreadyDeleted
            ? $"Consent/{id} was already deleted."
            : $"Consent/{id} was deleted. Its history is kept at Consent/{id}/_history.";
        return FhirResults.Resource(Issues.Outcome("information", "informational", message), StatusCodes.Status200OK, Headers(result.Version));
    }

    public static Task<IResult> Search(HttpContext context, RegistryDbContext db, SqliteReadStatements reads, AuditLog audit, IOptions<FhirOptions> options,
        TimeProvider time, CancellationToken ct) => RunSearchAsync(context, ConsentRequests.Query(context.Request), db, reads, audit, options.Value, time, ct);

    public static async Task<IResult> SearchWithPost(HttpContext context, RegistryDbContext db, SqliteReadStatements reads, AuditLog audit,
        IOptions<FhirOptions> options, TimeProvider time, CancellationToken ct)
    {
        var parameters = ConsentRequests.Query(context.Request);
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(ct);
            parameters.AddRange(form.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))));
        }

        return await RunSearchAsync(context, parameters, db, reads, audit, options.Value, time, ct);
    }

    public static Task<IResult> TypeHistory(HttpContext context, RegistryDbContext db, AuditLog audit, IOptions<FhirOptions> options,
        TimeProvider time, CancellationToken ct) =>
        PatientAccess.Of(context.User) is null
            ? HistoryAsync(context, null, db, audit, options.Value, time, ct)
            : throw new FhirErrorException(StatusCodes.Status403Forbidden, "forbidden",
                "The history of all Consents is for client systems. Search your Consents, or read Consent/{id}/_history for one of yours.");

    public static async Task<IResult> InstanceHistory(string id, HttpContext context, RegistryDbContext db, AuditLog audit,
        IOptions<FhirOptions> options, TimeProvider time, CancellationToken ct)
    {
        ConsentRequests.RequireValidId(id);
        if (!await db.AnyVisibleAsync(id, PersonScope.Of(context.User), ct))
        {
            throw NotFound(id);
        }

        return await HistoryAsync(context, id, db, audit, options.Value, time, ct);
    }

    private static async Task<IResult> RunSearchAsync(HttpContext context, List<KeyValuePair<string, string>> parameters, RegistryDbContext db,
        SqliteReadStatements reads, AuditLog audit, FhirOptions options, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var baseUrl = FhirBaseUrl.Get(context);
        if (PatientAccess.Of(context.User) is { } patient)
        {
            // A patient's search is always limited to the people they may see, whatever else it asks.
            parameters.Add(patient.SearchRestriction());
        }

        var request = SearchRequestParser.Parse(parameters, ConsentRequests.Strict(context.Request), options, baseUrl, now);
        var page = await db.SearchAsync(request, PersonScope.Of(context.User), ct, reads);
        await audit.RecordReadAsync(context, "search", page.Items.Select(v => v.PatientNhsNumber), ct);
        return FhirResults.Bundle(ConsentBundles.Searchset(request, page, baseUrl, now));
    }

    private static async Task<IResult> HistoryAsync(HttpContext context, string? id, RegistryDbContext db, AuditLog audit, FhirOptions options,
        TimeProvider time, CancellationToken ct)
    {
        var query = context.Request.Query;
        var applied = new List<KeyValuePair<string, string>>();
        var count = options.DefaultPageSize;
        long? since = null;
        foreach (var (key, value) in ConsentRequests.Query(context.Request))
        {
            switch (key)
            {
                case "_count":
                    count = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c >= 1
                        ? Math.Min(c, options.MaxPageSize)
                        : throw new FhirErrorException(400, "invalid", $"_count must be a whole number of 1 or more, not '{value}'.");
                    applied.Add(new(key, value));
                    break;
                case "_since":
                    since = FhirDateRange.TryParse(value, out var s) && s.Precision >= FhirDateRangePrecision.Second
                        ? s.Start.UtcTicks
                        : throw new FhirErrorException(400, "invalid", $"_since must be an instant such as 2026-01-31T09:00:00Z, not '{value}'.");
                    applied.Add(new(key, value));
                    break;
                case "_snapshot" or "_offset" or "_format" or "_pretty":
                    break;
                default:
                    throw new FhirErrorException(400, "not-supported", $"'{key}' is not supported on _history; use _count and _since.");
            }
        }

        var offset = 0;
        long? snapshot = null;
        if (query.ContainsKey("_offset") || query.ContainsKey("_snapshot"))
        {
            offset = int.TryParse(query["_offset"].ToString() is { Length: > 0 } o ? o : "0", NumberStyles.None, CultureInfo.InvariantCulture, out var parsedOffset)
                ? parsedOffset
                : throw new FhirErrorException(400, "invalid", "_offset is a paging token from a Bundle link; follow the links rather than editing them.");
            snapshot = long.TryParse(query["_snapshot"], NumberStyles.None, CultureInfo.InvariantCulture, out var parsedSnapshot)
                ? parsedSnapshot
                : throw new FhirErrorException(400, "invalid", "_snapshot is a paging token from a Bundle link; follow the links rather than editing them.");
        }
        var page = await db.HistoryAsync(id, since, count, offset, snapshot, PersonScope.Of(context.User), ct);
        await audit.RecordReadAsync(context, "history", page.Items.Select(v => v.PatientNhsNumber), ct);
        var path = id is null ? "/Consent/_history" : $"/Consent/{id}/_history";
        return FhirResults.Bundle(ConsentBundles.History(page, FhirBaseUrl.Get(context), path, applied, count, offset, time.GetUtcNow()));
    }

    /// <summary>
    /// For a patient's token: the Consent changed must be one they may see (else 404), and stay theirs (else 403).
    /// Returns whose Consent it is (null for client systems, which may change anyone's).
    /// </summary>
    private static async Task<string?> RequirePatientMayChangeAsync(HttpContext context, string id, string? newPatient, RegistryDbContext db, CancellationToken ct)
    {
        if (PatientAccess.Of(context.User) is not { } patient)
        {
            return null;
        }

        var current = await db.LatestAsync(id, PersonScope.Everyone, ct);
        if (current is not null && await db.VisibleToAsync(current, PersonScope.Of(context.User), ct) is null)
        {
            throw NotFound(id); // someone else's: word for word the answer for one that does not exist
        }

        if (newPatient is not null || current is not null)
        {
            patient.RequireCanChange(newPatient ?? current!.PatientNhsNumber);
        }

        return newPatient ?? current?.PatientNhsNumber;
    }

    private static IResult Stored(ConsentVersion version)
    {
        if (version.IsDeleted)
        {
            var when = FhirDateRange.FormatInstant(new DateTimeOffset(version.LastUpdatedTicks, TimeSpan.Zero));
            return FhirResults.Resource(Issues.Outcome("error", "deleted",
                $"Consent/{version.ResourceId} was deleted at {when} (version {version.VersionId}). Its earlier versions remain at Consent/{version.ResourceId}/_history."),
                StatusCodes.Status410Gone, Headers(version));
        }

        return FhirResults.StoredJson(version.ResourceJson!, StatusCodes.Status200OK, Headers(version));
    }

    private static IResult Written(HttpContext context, ConsentVersion version, int status, string message)
    {
        var location = $"{FhirBaseUrl.Get(context)}/Consent/{version.ResourceId}/_history/{version.VersionId}";
        var headers = Headers(version) with { Location = location };
        return ConsentRequests.PreferReturn(context.Request) switch
        {
            "minimal" => new MinimalResult(status, headers),
            "OperationOutcome" => FhirResults.Resource(Issues.Outcome("information", "informational", message), status, headers),
            _ => FhirResults.StoredJson(version.ResourceJson!, status, headers),
        };
    }

    private static ResourceHeaders Headers(ConsentVersion version) =>
        new(version.VersionId, new DateTimeOffset(version.LastUpdatedTicks, TimeSpan.Zero));

    private static FhirErrorException NotFound(string id) =>
        new(StatusCodes.Status404NotFound, "not-found", $"Consent/{id} is not known to this registry.");

    private sealed class MinimalResult(int status, ResourceHeaders headers) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.ETag = FhirResults.WeakETag(headers.VersionId!.Value);
            httpContext.Response.Headers.LastModified = headers.LastModified!.Value.ToString("R", CultureInfo.InvariantCulture);
            httpContext.Response.Headers.Location = headers.Location;
            httpContext.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
    }
}
