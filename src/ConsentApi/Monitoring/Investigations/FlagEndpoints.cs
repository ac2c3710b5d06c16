using ConsentApi.Audit;
using ConsentApi.Fhir;
using ConsentApi.Identity;
using ConsentApi.Monitoring.Detection;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring.Investigations;

/// <summary>Flags and their investigations: list and filter, read one with its dated history, change its state (a new version each time).</summary>
public static class FlagEndpoints
{
    public static IEndpointRouteBuilder MapFlags(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/monitoring/flags").WithTags("Monitoring").RequireAuthorization(AccessPolicies.Monitoring);
        group.MapGet("/", List).WithName("MonitoringFlags");
        group.MapGet("/{id:long}", Read).WithName("MonitoringFlag").Produces<FlagView>();
        group.MapPost("/{id:long}/investigation", Change).WithName("ChangeInvestigation").Produces<FlagView>();
        return app;
    }

    public static async Task<IResult> List(string? status, string? policy, string? method, string? area, int? page, int? count, RegistryDbContext db,
        CancellationToken ct)
    {
        if (status is not null && !InvestigationStatus.All.Contains(status))
        {
            throw RequestValues.Bad("status", $"status must be one of {string.Join(", ", InvestigationStatus.All)} (got '{status}').");
        }

        var size = MonitoringQueries.Bounded(count, "count", 50, 1, 500);
        var number = MonitoringQueries.Bounded(page, "page", 1, 1, 100_000);
        var flags = db.MonitoringFlags.AsNoTracking()
            .Where(f => (policy == null || f.Policy == policy) && (method == null || f.Method == method) && (area == null || f.AreaCode == area));
        var current = InvestigationQueries.Current(db);
        var joined = flags.Join(current, f => f.Id, v => v.FlagId, (f, v) => new { Flag = f, Investigation = v })
            .Where(x => status == null || x.Investigation.Status == status);
        var total = await joined.CountAsync(ct);
        var rows = await joined.OrderByDescending(x => x.Flag.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return Results.Ok(new { total, page = number, count = size, flags = rows.Select(x => FlagView.From(x.Flag, x.Investigation)) });
    }

    public static async Task<IResult> Read(long id, HttpContext context, RegistryDbContext db, CancellationToken ct)
    {
        var (flag, history) = await LoadAsync(db, id, ct);
        var later = await db.MonitoringFlags.AsNoTracking().Where(f => f.EpisodeFlagId == flag.Id).OrderBy(f => f.Period).ToListAsync(ct);
        context.Response.Headers.ETag = $"W/\"{history[^1].Version}\"";

        // Changes are recorded against the account's id; staff read the person's name.
        var ids = history.Select(h => h.ChangedBy).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, Name = u.DisplayName ?? u.UserName })
            .ToDictionaryAsync(u => u.Id, u => u.Name, StringComparer.Ordinal, ct);
        var view = FlagView.From(flag, history[^1], history, later);
        return Results.Ok(view with { History = view.History?.Select(h => h with { ChangedByName = names.GetValueOrDefault(h.ChangedBy) }).ToList() });
    }

    /// <summary>
    /// Changes the investigation. If-Match (W/"version") is honoured so two staff cannot overwrite each other's change
    /// unseen; without it the change applies to the current version. Closing needs an outcome category and a note.
    /// </summary>
    public static async Task<IResult> Change(long id, InvestigationChange change, HttpContext context, RegistryDbContext db, TimeProvider time,
        CancellationToken ct)
    {
        var (flag, history) = await LoadAsync(db, id, ct);
        var current = history[^1];
        if (context.Request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch && ifMatch != $"W/\"{current.Version}\"")
        {
            throw new FhirErrorException(StatusCodes.Status412PreconditionFailed, "conflict",
                $"If-Match {ifMatch} does not match the investigation's current version W/\"{current.Version}\": someone changed it; read it again.");
        }

        var status = change.Status ?? current.Status;
        if (!InvestigationStatus.All.Contains(status))
        {
            throw RequestValues.Bad("status", $"status must be one of {string.Join(", ", InvestigationStatus.All)} (got '{status}').");
        }

        if (InvestigationStatus.RefuseTransition(current.Status, status) is { } refusal)
        {
            throw new FhirErrorException(StatusCodes.Status409Conflict, "business-rule", refusal);
        }

        var closing = InvestigationStatus.IsClosed(status);
        var outcome = closing ? change.Outcome ?? current.Outcome : change.Outcome;
        if (closing && outcome is null)
        {
            throw RequestValues.Bad("outcome", $"To set an investigation to {status}, give its outcome: one of {string.Join(", ", InvestigationStatus.Outcomes)}.");
        }

        if (outcome is not null && !InvestigationStatus.Outcomes.Contains(outcome))
        {
            throw RequestValues.Bad("outcome", $"outcome must be one of {string.Join(", ", InvestigationStatus.Outcomes)} (got '{outcome}').");
        }

        if (closing && status != current.Status && string.IsNullOrWhiteSpace(change.Note))
        {
            throw RequestValues.Bad("note", $"To set an investigation to {status}, add a note saying what was found.");
        }

        if (change.Note is { Length: > 4000 } || change.Assignee is { Length: > 256 })
        {
            throw RequestValues.Bad(change.Note is { Length: > 4000 } ? "note" : "assignee", "note is limited to 4,000 characters and assignee to 256.");
        }

        var assignee = change.Assignee ?? current.Assignee;
        if (status == current.Status && assignee == current.Assignee && outcome == current.Outcome && string.IsNullOrWhiteSpace(change.Note))
        {
            throw RequestValues.Bad("status", "The change changes nothing: give a new status, assignee or outcome, or a note.");
        }

        var next = new InvestigationVersion
        {
            FlagId = flag.Id,
            Version = current.Version + 1,
            Status = status,
            Assignee = string.IsNullOrWhiteSpace(assignee) ? null : assignee,
            Outcome = closing ? outcome : null,
            Note = string.IsNullOrWhiteSpace(change.Note) ? null : change.Note.Trim(),
            ChangedBy = AuditActor.From(context).Id,
            ChangedTicks = time.GetUtcNow().UtcTicks,
        };
        db.InvestigationVersions.Add(next);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The primary key (flag, version) refused it: another change landed between our read and our write.
            throw new FhirErrorException(StatusCodes.Status409Conflict, "conflict", "Someone else changed this investigation at the same moment; read it again and retry.");
        }

        context.Response.Headers.ETag = $"W/\"{next.Version}\"";
        return Results.Ok(FlagView.From(flag, next, [.. history, next]));
    }

    private static async Task<(MonitoringFlag Flag, List<InvestigationVersion> History)> LoadAsync(RegistryDbContext db, long id, CancellationToken ct)
    {
        var flag = await db.MonitoringFlags.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct)
            ?? throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"No flag {id}.");
        if (flag.EpisodeFlagId is { } episode)
        {
            // A later week of an episode: its investigation is the one of the flag that opened the episode.
            flag = await db.MonitoringFlags.AsNoTracking().SingleAsync(f => f.Id == episode, ct);
            id = episode;
        }

        var history = await db.InvestigationVersions.AsNoTracking().Where(v => v.FlagId == id).OrderBy(v => v.Version).ToListAsync(ct);
        return (flag, history);
    }
}
