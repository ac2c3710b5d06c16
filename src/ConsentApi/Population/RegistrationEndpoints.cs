using System.Globalization;
using ConsentApi.Audit;
using ConsentApi.Consents;
using ConsentApi.Fhir;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using FhirAdapters.Outcomes;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Population;

/// <summary>
/// The registrations feed as FHIR Patient interactions, for the national demographics service (or whoever relays
/// it), with <c>system/Patient.cru</c>: create, conditional update by NHS number, and read back what the registry
/// holds. The answer is the Patient as the registry now holds it (<see cref="RegisteredPatient"/>), or an
/// OperationOutcome with <c>Prefer: return=OperationOutcome</c>.
/// </summary>
public static class RegistrationEndpoints
{
    public static IEndpointRouteBuilder MapRegistrations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/fhir/Patient").WithTags("Registrations");
        group.MapPost("", Create).WithName("CreatePatientRegistration").RequireAuthorization(AccessPolicies.RegistrationCreate);
        group.MapPut("", ConditionalUpdate).WithName("UpdatePatientRegistration").RequireAuthorization(AccessPolicies.RegistrationUpdate);
        group.MapGet("/{id}", Read).WithName("ReadPatientRegistration").RequireAuthorization(AccessPolicies.RegistrationRead);
        return app;
    }

    /// <summary>
    /// Records a person new to the registry (201). A person already held is a 409, unless If-None-Exist names them
    /// (<c>identifier=https://fhir.nhs.uk/Id/nhs-number|…</c>): then nothing is changed and what is held comes back (200),
    /// so a retried create is harmless.
    /// </summary>
    public static async Task<IResult> Create(HttpContext context, RegistrationFeed feed, RegistryDbContext db, AuditLog audit, CancellationToken ct)
    {
        var patient = await ReadPatientAsync(context);
        if (context.Request.Headers["If-None-Exist"].ToString() is { Length: > 0 } condition)
        {
            var named = Identified(condition.StartsWith("identifier=", StringComparison.Ordinal) ? condition["identifier=".Length..] : null, "If-None-Exist");
            var rows = await HeldAsync(db, named, ct);
            if (rows.Count > 0)
            {
                await audit.RecordReadAsync(context, "read", [named.ToString("D10", CultureInfo.InvariantCulture)], ct);
                return Answer(context, rows, StatusCodes.Status200OK, "The person is already registered here (If-None-Exist matched); nothing was changed.");
            }
        }

        var change = await feed.RecordAsync(patient, createOnly: true, AuditActor.From(context), ct);
        return Answer(context, change.Held, StatusCodes.Status201Created, Summary(change));
    }

    /// <summary>PUT /fhir/Patient?identifier=…: records what the Patient says that the registry does not hold yet (201 for a person new to it, else 200).</summary>
    public static async Task<IResult> ConditionalUpdate(string? identifier, HttpContext context, RegistrationFeed feed, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(identifier))
        {
            throw RequestValues.Bad("identifier",
                "Update a person's registrations with PUT /fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|{NHS number} (a conditional update).");
        }

        var named = Identified(identifier, "identifier");
        var patient = await ReadPatientAsync(context);
        var inBody = patient.Identifier.FirstOrDefault(i => i.System == FhirAdapters.Primitives.NhsNumber.System)?.Value;
        if (inBody != named.ToString("D10", CultureInfo.InvariantCulture))
        {
            throw new FhirErrorException(StatusCodes.Status400BadRequest, "invalid",
                $"The URL names NHS number {named:D10} but the Patient's NHS number is '{inBody}': they must be the same person.", "Patient.identifier");
        }

        var change = await feed.RecordAsync(patient, createOnly: false, AuditActor.From(context), ct);
        return Answer(context, change.Held, change.WasKnown ? StatusCodes.Status200OK : StatusCodes.Status201Created, Summary(change));
    }

    /// <summary>GET /fhir/Patient/{NHS number}: the registrations held, as a Patient (audited as a read of that person).</summary>
    public static async Task<IResult> Read(string id, HttpContext context, RegistryDbContext db, AuditLog audit, CancellationToken ct)
    {
        var nhs = FhirAdapters.Primitives.NhsNumber.Problem(id) is null && FhirAdapters.Primitives.NhsNumber.TryParse(id, out var parsed)
            ? parsed
            : throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"No Patient '{id}': a Patient's id here is its NHS number.");
        var rows = await HeldAsync(db, nhs, ct);
        if (rows.Count == 0)
        {
            throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"No registrations are held for NHS number {id}.");
        }

        await audit.RecordReadAsync(context, "read", [id], ct);
        return FhirResults.Resource(RegisteredPatient.From(rows));
    }

    private static async Task<Patient> ReadPatientAsync(HttpContext context)
    {
        var (patient, issues) = await FhirRequestBody.ReadResourceAsync<Patient>(context);
        return patient ?? throw FhirRequestBody.Refused(issues);
    }

    private static long Identified(string? raw, string parameter) => RequestValues.NhsNumber(raw, parameter);

    private static Task<List<PatientRegistration>> HeldAsync(RegistryDbContext db, long nhs, CancellationToken ct) =>
        db.PatientRegistrations.AsNoTracking().Where(r => r.NhsNumber == nhs).OrderBy(r => r.RegisteredFromTicks).ToListAsync(ct);

    private static string Summary(RegistrationChange change) =>
        change.Added == 0
            ? "Nothing new: every registration in the Patient was already held."
            : $"{change.Added} registration change(s) recorded{(change.AlreadyHeld > 0 ? $", {change.AlreadyHeld} already held" : "")}"
              + (change.EarliestChange is { } day ? $"; effective from {day:yyyy-MM-dd}." : ".");

    private static IResult Answer(HttpContext context, IReadOnlyList<PatientRegistration> rows, int status, string message)
    {
        var nhs = rows[0].NhsNumber.ToString("D10", CultureInfo.InvariantCulture);
        var headers = new ResourceHeaders(null, null, $"{FhirBaseUrl.Get(context)}/Patient/{nhs}");
        return ConsentRequests.PreferReturn(context.Request) == "OperationOutcome"
            ? FhirResults.Resource(Issues.Outcome("information", "informational", message), status, headers)
            : FhirResults.Resource(RegisteredPatient.From(rows), status, headers);
    }
}
