using ConsentApi.Identity;
using System.Globalization;
using ConsentApi.Audit;
using ConsentApi.Decisions;
using ConsentApi.Fhir;
using ConsentApi.Persistence;
using ConsentApi.Policies;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Objections;

/// <summary>
/// Objections considered: organisations record the ones they considered (upheld or not); decisions record the ones
/// a legal basis overrode; a person reads theirs; staff count them by organisation and criterion.
/// </summary>
public static class ObjectionEndpoints
{
    public static IEndpointRouteBuilder MapObjections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/objections-considered").WithTags("Objections considered");
        group.MapPost("", RecordConsideration).WithName("RecordObjectionConsidered").RequireAuthorization(AccessPolicies.Decisions);
        group.MapGet("", ListForPatient).WithName("ListObjectionsConsidered").RequireAuthorization(AccessPolicies.Decisions);
        group.MapGet("/mine", ListMine).WithName("ListMyObjectionsConsidered").RequireAuthorization(AccessPolicies.ConsentSearch);
        group.MapGet("/summary", Summarise).WithName("SummariseObjectionsConsidered").RequireAuthorization(AccessPolicies.Monitoring);
        return app;
    }

    public static async Task<IResult> RecordConsideration(ConsiderationInput input, HttpContext context, RegistryDbContext db,
        PolicyCatalogue catalogue, TimeProvider time, CancellationToken ct)
    {
        var nhs = RequestValues.NhsNumber(input.NhsNumber, "nhsNumber");
        var policy = catalogue.Policies.FirstOrDefault(p => p.Uri == input.Policy || p.Id == input.Policy)
            ?? throw RequestValues.Bad("policy", $"'policy' must name a policy in the catalogue by id or URI: {string.Join(", ", catalogue.Policies.Select(p => p.Id))}.");
        var recipient = RequestValues.Ods(input.Recipient, "recipient");
        var (system, code) = RequestValues.Coding(input.Purpose, "purpose", "a purpose of use, e.g. HRESCH");
        var purpose = PurposesOfUse.Resolve(system, code) ?? throw RequestValues.Bad("purpose", $"'{input.Purpose}' is not a known purpose of use.");
        if (input.Outcome is not ("upheld" or "overridden"))
        {
            throw RequestValues.Bad("outcome", "'outcome' must be 'upheld' (the objection was followed) or 'overridden' (the data was used despite it).");
        }

        if (input.Outcome == "overridden" && (input.LegalBasis is null || catalogue.LegalBasis(input.LegalBasis) is null))
        {
            throw RequestValues.Bad("legalBasis", "An overridden objection must name the legal basis the person will be told about: one of "
                + string.Join(", ", catalogue.Document.LegalBases.Select(b => b.Code)) + ".");
        }

        if (string.IsNullOrWhiteSpace(input.Criterion))
        {
            throw RequestValues.Bad("criterion", "'criterion' is required: say in plain words why the objection was upheld or overridden; the person will read it.");
        }

        var actor = AuditActor.From(context);
        var record = Consideration.Create(nhs, null, policy, recipient, $"{purpose.System}|{purpose.Code}", input.Outcome, input.LegalBasis,
            input.Criterion, actor, "recorded", null, time.GetUtcNow());
        db.ObjectionConsiderations.Add(record);
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Results.Created($"/objections-considered?nhsNumber={record.PatientNhsNumber}", record);
    }

    public static async Task<IResult> ListForPatient(string? nhsNumber, RegistryDbContext db, CancellationToken ct)
    {
        var nhs = RequestValues.NhsNumber(nhsNumber, "nhsNumber").ToString("D10", CultureInfo.InvariantCulture);
        var records = await db.ObjectionConsiderations.AsNoTracking().Where(o => o.PatientNhsNumber == nhs)
            .OrderByDescending(o => o.Id).Take(500).ToListAsync(ct);
        return Results.Ok(records);
    }

    /// <summary>
    /// For a patient's token: where their objection (or that of someone they act for) was considered, newest first,
    /// with each legal basis in plain words from the catalogue. Client systems use <c>GET /objections-considered?nhsNumber=</c>.
    /// </summary>
    public static async Task<IResult> ListMine(string? nhsNumber, HttpContext context, RegistryDbContext db, PolicyCatalogue catalogue, CancellationToken ct)
    {
        var access = PatientAccess.Of(context.User)
            ?? throw new FhirErrorException(StatusCodes.Status403Forbidden, "forbidden", "/objections-considered/mine is for patients' tokens; client systems use /objections-considered?nhsNumber=.");
        var own = context.User.FindFirst(IdentityClaims.NhsNumber)?.Value;
        var nhs = nhsNumber is null ? own : RequestValues.NhsNumber(nhsNumber, "nhsNumber").ToString("D10", CultureInfo.InvariantCulture);
        if (!access.Allows(nhs))
        {
            throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", "No objections considered for that person are visible to you.");
        }

        var records = await db.ObjectionConsiderations.AsNoTracking().Where(o => o.PatientNhsNumber == nhs)
            .OrderByDescending(o => o.Id).Take(500).ToListAsync(ct);
        var names = await Population.OrganisationNames.ForAsync(db, records.SelectMany(o => new[] { o.DecidedByOrg, o.RecipientOds }), ct);
        return Results.Ok(records.Select(o => new
        {
            recorded = new DateTimeOffset(o.RecordedTicks, TimeSpan.Zero),
            o.Outcome,
            policy = catalogue.Policies.FirstOrDefault(p => p.Uri == o.PolicyUri)?.Title ?? o.PolicyUri,
            o.RecipientOds,
            o.Purpose,
            legalBasis = o.LegalBasis,
            legalBasisTitle = o.LegalBasis is null ? null : catalogue.LegalBasis(o.LegalBasis)?.Title,
            legalBasisExplanation = o.LegalBasis is null ? null : catalogue.LegalBasis(o.LegalBasis)?.Explanation,
            o.Criterion,
            decidedBy = o.DecidedByOrg ?? o.RecipientOds,
            decidedByName = names.GetValueOrDefault(o.DecidedByOrg ?? o.RecipientOds),
            recipientName = names.GetValueOrDefault(o.RecipientOds),
        }));
    }

    public static async Task<IResult> Summarise(RegistryDbContext db, CancellationToken ct)
    {
        var rows = await db.ObjectionConsiderations.AsNoTracking()
            .GroupBy(o => new { Organisation = o.DecidedByOrg ?? o.RecipientOds, o.Outcome, o.LegalBasis, o.Criterion })
            .Select(g => new { g.Key.Organisation, g.Key.Outcome, g.Key.LegalBasis, g.Key.Criterion, Count = g.LongCount() })
            .ToListAsync(ct);
        var names = await Population.OrganisationNames.ForAsync(db, rows.Select(r => r.Organisation), ct);
        return Results.Ok(rows.OrderBy(r => r.Organisation, StringComparer.Ordinal).ThenByDescending(r => r.Count)
            .Select(r => new { r.Organisation, organisationName = names.GetValueOrDefault(r.Organisation), r.Outcome, r.LegalBasis, r.Criterion, r.Count }));
    }
}
