using ConsentApi.Identity;
using System.Text.RegularExpressions;
using ConsentApi.Decisions;
using ConsentApi.Fhir;
using ConsentApi.Persistence;
using ConsentApi.Policies;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Register;

/// <summary>The disclosure register: public to read (with each disclosure's bulk-check counts), entries added by staff.</summary>
public static partial class RegisterEndpoints
{
    public static IEndpointRouteBuilder MapRegister(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/register/disclosures").WithTags("Disclosure register");
        group.MapGet("", ListDisclosures).WithName("ListDisclosures").AllowAnonymous();
        group.MapGet("/{id}", GetDisclosure).WithName("GetDisclosure").AllowAnonymous();
        group.MapPost("", AddDisclosure).WithName("AddDisclosure").RequireAuthorization(AccessPolicies.Admin);
        return app;
    }

    public static async Task<IResult> ListDisclosures(RegistryDbContext db, CancellationToken ct)
    {
        var disclosures = await db.Disclosures.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);
        var checks = await db.BulkChecks.AsNoTracking().OrderByDescending(b => b.RequestedTicks).ToListAsync(ct);
        return Results.Ok(disclosures.Select(d => View(d, checks.Where(c => c.DisclosureId == d.Id))));
    }

    public static async Task<IResult> GetDisclosure(string id, RegistryDbContext db, CancellationToken ct)
    {
        var disclosure = await db.Disclosures.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"The register has no disclosure '{id}'. GET /register/disclosures lists them.");
        var checks = await db.BulkChecks.AsNoTracking().Where(b => b.DisclosureId == id).OrderByDescending(b => b.RequestedTicks).ToListAsync(ct);
        return Results.Ok(View(disclosure, checks));
    }

    public static async Task<IResult> AddDisclosure(DisclosureInput input, RegistryDbContext db, PolicyCatalogue catalogue, TimeProvider time, CancellationToken ct)
    {
        if (input.Id is null || !IdPattern().IsMatch(input.Id))
        {
            throw RequestValues.Bad("id", "'id' is required: 3 to 64 letters, digits and hyphens (e.g. DARS-NIC-12345).");
        }

        var recipient = RequestValues.Ods(input.RecipientOds, "recipientOds");
        var request = DecisionRequests.Build(input.Purpose, recipient, null, input.LegalBasis, null, catalogue, time.GetUtcNow());
        if (string.IsNullOrWhiteSpace(input.RecipientName) || string.IsNullOrWhiteSpace(input.DataDescription) || input.OptOutsApply is null)
        {
            throw RequestValues.Bad("recipientName", "'recipientName', 'dataDescription' and 'optOutsApply' are all required: the public register shows them.");
        }

        if (input.OptOutsApply == false && request.LegalBasis is null)
        {
            throw RequestValues.Bad("legalBasis", "A disclosure that opt-outs do not apply to must name its legal basis.");
        }

        if (await db.Disclosures.AnyAsync(d => d.Id == input.Id, ct))
        {
            throw new FhirErrorException(StatusCodes.Status409Conflict, "duplicate", $"The register already has disclosure '{input.Id}'. Entries are never changed: register a new id.", "id");
        }

        var disclosure = new Disclosure
        {
            Id = input.Id,
            RecipientOds = request.ActorOds,
            RecipientName = input.RecipientName,
            Purpose = request.Purpose,
            LegalBasis = request.LegalBasis,
            DataDescription = input.DataDescription,
            OptOutsApply = input.OptOutsApply.Value,
            CreatedTicks = time.GetUtcNow().UtcTicks,
        };
        db.Disclosures.Add(disclosure);
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Results.Created($"/register/disclosures/{disclosure.Id}", View(disclosure, []));
    }

    private static object View(Disclosure d, IEnumerable<BulkCheck> checks) => new
    {
        d.Id,
        d.RecipientOds,
        d.RecipientName,
        d.Purpose,
        d.LegalBasis,
        d.DataDescription,
        d.OptOutsApply,
        Created = new DateTimeOffset(d.CreatedTicks, TimeSpan.Zero),
        Checks = checks.Select(c => new
        {
            c.Id,
            Requested = new DateTimeOffset(c.RequestedTicks, TimeSpan.Zero),
            c.AgentOrg,
            c.Outcome,
            c.Checked,
            c.Excluded,
            c.Overridden,
            c.Invalid,
        }),
    };

    [GeneratedRegex("^[A-Za-z0-9-]{3,64}$")]
    private static partial Regex IdPattern();
}
