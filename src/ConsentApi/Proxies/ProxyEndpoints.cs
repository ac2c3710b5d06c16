using System.Globalization;
using ConsentApi.Audit;
using ConsentApi.Fhir;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Proxies;

/// <summary>
/// Proxy relationships: a patient asks to act for someone (or staff record it), staff approve or reject it, and
/// either party or staff can end it. Only approved relationships within their period let the proxy act.
/// </summary>
public static class ProxyEndpoints
{
    private static readonly string[] Kinds = [ProxyRelationship.Guardian, ProxyRelationship.PowerOfAttorney, ProxyRelationship.CourtDeputy];

    public static IEndpointRouteBuilder MapProxies(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/proxies").WithTags("Proxies");
        group.MapPost("", RequestProxy).WithName("RequestProxy").Produces<ProxyView>(StatusCodes.Status201Created);
        group.MapGet("", ListProxies).WithName("ListProxies").Produces<IEnumerable<ProxyView>>();
        group.MapPost("/{id}/approve", Approve).WithName("ApproveProxy").RequireAuthorization(AccessPolicies.Admin).Produces<ProxyView>();
        group.MapPost("/{id}/reject", Reject).WithName("RejectProxy").RequireAuthorization(AccessPolicies.Admin).Produces<ProxyView>();
        group.MapPost("/{id}/end", End).WithName("EndProxy").Produces<ProxyView>();
        return app;
    }

    public static async Task<IResult> RequestProxy(ProxyInput input, HttpContext context, RegistryDbContext db, TimeProvider time, CancellationToken ct)
    {
        var patient = PatientAccess.Of(context.User);
        var proxy = patient is not null ? Own(context)
            : IsAdmin(context) ? Nhs(input.ProxyNhsNumber, "proxyNhsNumber")
            : throw Forbidden("Proxy relationships are requested by the proxy (a patient's token) or recorded by staff (registry.admin).");
        if (patient is not null && input.ProxyNhsNumber is { Length: > 0 } named && named != proxy)
        {
            throw Forbidden("You can ask to act for someone only as yourself: leave proxyNhsNumber out, or give your own NHS number.");
        }

        var subject = Nhs(input.SubjectNhsNumber, "subjectNhsNumber");
        if (subject == proxy)
        {
            throw RequestValues.Bad("subjectNhsNumber", "A person does not need a proxy relationship to act for themselves.");
        }

        var kind = input.Kind is { } k && Kinds.Contains(k) ? k : throw RequestValues.Bad("kind", $"'kind' must be one of {string.Join(", ", Kinds)}.");
        var now = time.GetUtcNow();
        var start = Day(input.Start, "start") ?? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var end = Day(input.End, "end");
        if (end is not null && end <= start)
        {
            throw RequestValues.Bad("end", "'end' must be after 'start'.");
        }

        // A patient's request says nothing about the subject, whatever the registry holds (or does not) about them: the
        // child's age is checked when staff approve it. Staff recording one see the check at once.
        if (kind == ProxyRelationship.Guardian && patient is null)
        {
            end = await GuardianEndAsync(db, subject, start, end, ct);
        }

        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.AcquireAsync(["proxy:" + proxy + ":" + subject], ct);
        var open = (await db.ForPersonAsync(proxy, ct)).Where(p => p.SubjectNhsNumber == subject && p.ProxyNhsNumber == proxy
            && p.Status is ProxyRelationship.Requested or ProxyRelationship.Approved && (p.EndTicks is null || p.EndTicks > now.UtcTicks)).ToList();
        if (open.Count > 0)
        {
            throw new FhirErrorException(StatusCodes.Status409Conflict, "duplicate",
                $"There is already a {open[0].Status} relationship ({open[0].Id}) between these two people. End it before recording another.");
        }

        var relationship = new ProxyRelationship
        {
            Id = Guid.NewGuid().ToString(),
            Version = 1,
            ProxyNhsNumber = proxy,
            SubjectNhsNumber = subject,
            Kind = kind,
            Status = ProxyRelationship.Requested,
            StartTicks = start.UtcTicks,
            EndTicks = end?.UtcTicks,
            Evidence = input.Evidence?.Trim() is { Length: > 0 } evidence ? evidence[..Math.Min(evidence.Length, 1000)] : null,
            ChangedBy = AuditActor.From(context).Id,
            RecordedTicks = now.UtcTicks,
        };
        db.ProxyRelationships.Add(relationship);
        await db.SaveChangesAsync(ct);
        await AuditAppender.AppendAsync(db, transaction.Transaction, [Entry(context, relationship, "C")], now, ct);
        await transaction.CommitAsync(ct);
        return Results.Created($"/proxies/{relationship.Id}", ProxyView.From(relationship));
    }

    public static async Task<IResult> ListProxies(string? nhsNumber, string? status, HttpContext context, RegistryDbContext db, CancellationToken ct)
    {
        if (PatientAccess.Of(context.User) is not null)
        {
            return Results.Ok((await db.ForPersonAsync(Own(context), ct)).Select(ProxyView.From));
        }

        if (!IsAdmin(context))
        {
            throw Forbidden("Proxy relationships are visible to their parties and to staff (registry.admin).");
        }

        var list = status == ProxyRelationship.Requested ? await db.AwaitingApprovalAsync(ct)
            : nhsNumber is not null ? await db.ForPersonAsync(Nhs(nhsNumber, "nhsNumber"), ct)
            : throw RequestValues.Bad("nhsNumber", "Give nhsNumber (relationships of one person) or status=requested (the approval queue).");
        return Results.Ok(list.Select(ProxyView.From));
    }

    public static Task<IResult> Approve(string id, HttpContext context, RegistryDbContext db, TimeProvider time, CancellationToken ct) =>
        ChangeAsync(id, ProxyRelationship.Approved, [ProxyRelationship.Requested], context, db, time, ct);

    public static Task<IResult> Reject(string id, HttpContext context, RegistryDbContext db, TimeProvider time, CancellationToken ct) =>
        ChangeAsync(id, ProxyRelationship.Rejected, [ProxyRelationship.Requested], context, db, time, ct);

    public static async Task<IResult> End(string id, HttpContext context, RegistryDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (PatientAccess.Of(context.User) is not null)
        {
            var own = Own(context);
            var current = await db.LatestAsync(id, ct);
            if (current is null || (current.ProxyNhsNumber != own && current.SubjectNhsNumber != own))
            {
                throw NotFound(id);
            }
        }
        else if (!IsAdmin(context))
        {
            throw Forbidden("A proxy relationship is ended by one of its parties or by staff (registry.admin).");
        }

        return await ChangeAsync(id, ProxyRelationship.Ended, [ProxyRelationship.Requested, ProxyRelationship.Approved], context, db, time, ct);
    }

    private static async Task<IResult> ChangeAsync(string id, string status, string[] from, HttpContext context, RegistryDbContext db, TimeProvider time,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.AcquireAsync(["proxy-id:" + id], ct);
        var current = await db.LatestAsync(id, ct) ?? throw NotFound(id);
        if (!from.Contains(current.Status))
        {
            throw new FhirErrorException(StatusCodes.Status409Conflict, "business-rule",
                $"Proxy relationship {id} is {current.Status}; it can become {status} only from {string.Join(" or ", from)}.");
        }

        var actor = AuditActor.From(context).Id;
        long? endTicks = status == ProxyRelationship.Ended ? now.UtcTicks : null;
        if (status == ProxyRelationship.Approved)
        {
            // Separation of duties: a relationship staff recorded needs a second administrator's approval.
            if (await db.ProxyRelationships.AsNoTracking().AnyAsync(p => p.Id == id && p.ChangedBy == actor, ct))
            {
                throw Forbidden($"You recorded proxy relationship {id}, so another administrator must approve it.");
            }

            if (current.Kind == ProxyRelationship.Guardian)
            {
                var start = new DateTimeOffset(current.StartTicks, TimeSpan.Zero);
                endTicks = (await GuardianEndAsync(db, current.SubjectNhsNumber, start,
                    current.EndTicks is { } e ? new DateTimeOffset(e, TimeSpan.Zero) : null, ct))?.UtcTicks;
            }
        }

        var next = current.Next(status, actor, now.UtcTicks, endTicks);
        db.ProxyRelationships.Add(next);
        await db.SaveChangesAsync(ct);
        await AuditAppender.AppendAsync(db, transaction.Transaction, [Entry(context, next, "U")], now, ct);
        await transaction.CommitAsync(ct);
        return Results.Ok(ProxyView.From(next));
    }

    /// <summary>A guardian acts for a child under 13 only: the subject's registration must show it, and the relationship ends when they reach 13.</summary>
    private static async Task<DateTimeOffset?> GuardianEndAsync(RegistryDbContext db, string subject, DateTimeOffset start, DateTimeOffset? end, CancellationToken ct)
    {
        var nhs = long.Parse(subject, CultureInfo.InvariantCulture);
        var birthYear = await db.PatientRegistrations.AsNoTracking().Where(r => r.NhsNumber == nhs).Select(r => (int?)r.BirthYear).FirstOrDefaultAsync(ct)
            ?? throw new FhirErrorException(StatusCodes.Status422UnprocessableEntity, "business-rule",
                $"The registry has no registration for {subject}, so staff cannot confirm the child's age: a GUARDIAN relationship needs one.", "subjectNhsNumber");

        // Only the year of birth is held: the relationship ends on 1 January of the year they turn 13 (never later).
        var thirteen = new DateTimeOffset(birthYear + 13, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (start >= thirteen)
        {
            throw new FhirErrorException(StatusCodes.Status422UnprocessableEntity, "business-rule",
                $"A GUARDIAN relationship is for a child under 13; {subject} was born in {birthYear}. From 13, young people decide for themselves (a POA or COURTDEP may apply).",
                "kind");
        }

        return end is null || end > thirteen ? thirteen : end;
    }

    private static AuditEntry Entry(HttpContext context, ProxyRelationship p, string action) =>
        new("proxy", action, AuditActor.From(context),
            [long.Parse(p.ProxyNhsNumber, CultureInfo.InvariantCulture), long.Parse(p.SubjectNhsNumber, CultureInfo.InvariantCulture)], null,
            $"proxy relationship {p.Id} ({p.Kind}) {p.Status}: {p.ProxyNhsNumber} for {p.SubjectNhsNumber}");

    private static string Own(HttpContext context) => context.User.FindFirst(IdentityClaims.NhsNumber)!.Value;

    private static bool IsAdmin(HttpContext context) => ScopeHandler.TokenScopes(context.User).Contains(RegistryScopes.Admin);

    private static string Nhs(string? raw, string element) => RequestValues.NhsNumber(raw, element).ToString("D10", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Day(string? raw, string element) =>
        string.IsNullOrWhiteSpace(raw) ? null
        : DateTime.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? new DateTimeOffset(day, TimeSpan.Zero)
            : throw RequestValues.Bad(element, $"'{element}' must be a date as yyyy-mm-dd, not '{raw}'.");

    private static FhirErrorException NotFound(string id) => new(StatusCodes.Status404NotFound, "not-found", $"There is no proxy relationship {id} that you can see.");

    private static FhirErrorException Forbidden(string message) => new(StatusCodes.Status403Forbidden, "forbidden", message);
}
