using System.Globalization;
using ConsentApi.Audit;
using ConsentApi.Fhir;
using ConsentApi.Monitoring.Rates;
using ConsentApi.Persistence;
using FhirAdapters.Outcomes;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Population;

/// <summary>
/// The day-to-day registrations feed: one Patient at a time, as the national demographics service sends a change
/// (a new registration, a move, a death, a removal, a correction to a past date). The Patient is read by
/// <see cref="PatientRegistrations"/>; the rows it holds that the registry does not are appended in one transaction,
/// and the change is audited against the person. Nothing is ever overwritten: a registration already held from the
/// same day at another practice is a conflict, not a correction. Problems are answered as OperationOutcomes naming
/// the element.
/// </summary>
public sealed class RegistrationFeed(RegistryDbContext db, AuditLog audit, TimeProvider time)
{
    public const string AuditKind = "registration";

    public async Task<RegistrationChange> RecordAsync(Patient patient, bool createOnly, AuditActor actor, CancellationToken ct)
    {
        var (records, problems) = PatientRegistrations.Read(patient);
        if (problems.Count > 0)
        {
            throw new FhirErrorException(StatusCodes.Status422UnprocessableEntity,
                Issues.Outcome(problems.Select(p => Issues.Error("processing", p, Element(p)))));
        }

        var nhs = records[0].NhsNumber;
        var practices = records.Where(r => r.EndedReason is null).Select(r => r.PracticeOdsCode).Distinct().ToList();
        var known = await db.Practices.AsNoTracking().Where(p => practices.Contains(p.OdsCode)).Select(p => p.OdsCode).ToListAsync(ct);
        if (practices.Except(known).FirstOrDefault() is { } unknown)
        {
            throw new FhirErrorException(StatusCodes.Status422UnprocessableEntity, "processing",
                $"Practice {unknown} is not one the registry knows: registrations are held for practices in the list-size publication (import it first).",
                "Patient.generalPractitioner.identifier.value");
        }

        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        if (db.Database.IsNpgsql())
        {
            // Two changes for the same person at once on PostgreSQL: the second waits for the first's rows.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [nhs], ct);
        }

        var held = await db.PatientRegistrations.AsNoTracking().Where(r => r.NhsNumber == nhs).OrderBy(r => r.RegisteredFromTicks).ToListAsync(ct);
        if (createOnly && held.Count > 0)
        {
            throw new FhirErrorException(StatusCodes.Status409Conflict, "duplicate",
                $"NHS number {nhs} is already registered here: send changes with PUT /fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|{nhs} "
                + "(or POST with If-None-Exist to make a retried create harmless).", "Patient.identifier");
        }

        var now = time.GetUtcNow().UtcTicks;
        var added = new List<PatientRegistration>();
        foreach (var record in records)
        {
            var ticks = RateCalculator.Ticks(record.From);
            if (held.FirstOrDefault(h => h.RegisteredFromTicks == ticks) is { } same)
            {
                if (same.PracticeOdsCode != record.PracticeOdsCode)
                {
                    throw new FhirErrorException(StatusCodes.Status409Conflict, "conflict", Clash(record, same.PracticeOdsCode), "Patient.generalPractitioner");
                }

                continue;
            }

            added.Add(Entity(record, now));
        }

        db.PatientRegistrations.AddRange(added);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (added.Count > 0)
        {
            var detail = string.Join("; ", added.Select(r => r.EndedReason is { } reason
                ? $"{reason} from {Day(r.RegisteredFromTicks)}"
                : $"registered at {r.PracticeOdsCode} from {Day(r.RegisteredFromTicks)}"));
            await audit.EnqueueAsync(new AuditEntry(AuditKind, held.Count == 0 ? "C" : "U", actor, [nhs], null, detail), ct);
        }

        return new RegistrationChange(nhs, held.Count > 0, added.Count, records.Count - added.Count,
            added.Count == 0 ? null : DateOnly.FromDateTime(new DateTime(added.Min(r => r.RegisteredFromTicks), DateTimeKind.Utc)),
            [.. held.Concat(added).OrderBy(r => r.RegisteredFromTicks)]);
    }

    /// <summary>The sentence for a registration that clashes with one already held from the same day.</summary>
    public static string Clash(RegistrationRecord record, string heldPractice) =>
        heldPractice == PatientRegistration.NotRegistered
            ? $"NHS number {record.NhsNumber} is recorded as no longer registered from {record.From:yyyy-MM-dd}; a registration cannot start on that same day."
            : $"NHS number {record.NhsNumber} is already registered at {heldPractice} from {record.From:yyyy-MM-dd}; a person is registered at one practice at a time.";

    /// <summary>A record as a row for the bulk insert, in the importer's column order.</summary>
    public static object?[] Row(RegistrationRecord r, long recordedTicks) =>
        [r.NhsNumber, r.PracticeOdsCode, r.Sex, r.BirthYear, RateCalculator.Ticks(r.From), r.BirthDate, r.Postcode, r.EndedReason, recordedTicks];

    private static PatientRegistration Entity(RegistrationRecord r, long recordedTicks) => new()
    {
        NhsNumber = r.NhsNumber,
        PracticeOdsCode = r.PracticeOdsCode,
        Sex = r.Sex,
        BirthYear = r.BirthYear,
        RegisteredFromTicks = RateCalculator.Ticks(r.From),
        BirthDate = r.BirthDate,
        Postcode = r.Postcode,
        EndedReason = r.EndedReason,
        RecordedTicks = recordedTicks,
    };

    private static string Day(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The element a problem sentence starts with ("Patient.gender: …").</summary>
    private static string? Element(string problem) => problem.IndexOf(": ", StringComparison.Ordinal) is > 0 and var at && problem.StartsWith("Patient", StringComparison.Ordinal)
        ? problem[..at]
        : null;
}
