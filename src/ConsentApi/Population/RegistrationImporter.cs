using System.Text;
using ConsentApi.Monitoring;
using ConsentApi.Monitoring.Rates;
using ConsentApi.Persistence;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConsentApi.Population;

/// <summary>
/// Loads the registrations feed as NDJSON of FHIR Patients (one per line, as a bulk export of the demographics
/// service gives them): every line is checked first — the SDK's parse, then <see cref="PatientRegistrations"/>, a
/// practice the registry knows, one line per person, no clash with a registration already held — and only a batch
/// without a problem is stored, in one transaction. Registrations are append-only: a move is a further registration
/// with a later start, a death or removal a row with no practice; one already held is not stored twice, so a batch
/// can be loaded again. The day-to-day feed is <see cref="RegistrationFeed"/> (FHIR Patient create and update).
/// </summary>
public sealed class RegistrationImporter(RegistryDbContext db, TimeProvider time)
{
    public const int MaxProblems = 50;
    private const int LookupChunk = 500;

    private static readonly string[] Columns =
        ["nhs_number", "practice_ods_code", "sex", "birth_year", "registered_from_ticks", "birth_date", "postcode", "ended_reason", "recorded_ticks"];

    public async Task<RegistrationImport> ImportAsync(TextReader lines, string file, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        var read = new List<(int Line, RegistrationRecord Record)>();
        var lineOf = new Dictionary<long, int>();
        var number = 0;
        while (await lines.ReadLineAsync(ct) is { } text && problems.Count < MaxProblems)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!FhirJson.TryParse<Patient>(Encoding.UTF8.GetBytes(text), out var patient, out var issues) || patient is null)
            {
                problems.Add(new ImportProblem(file, number, string.Join(" ", issues.Select(i =>
                    (i.Expression.FirstOrDefault() is { } at ? at + ": " : "") + (i.Diagnostics ?? i.Details?.Text)))));
                continue;
            }

            var (registrations, wrong) = PatientRegistrations.Read(patient);
            problems.AddRange(wrong.Select(w => new ImportProblem(file, number, w)));
            foreach (var registration in registrations)
            {
                if (lineOf.TryGetValue(registration.NhsNumber, out var earlier) && earlier != number)
                {
                    problems.Add(new ImportProblem(file, number, $"NHS number {registration.NhsNumber} is also on line {earlier}: give each person once, with every registration."));
                    break;
                }

                lineOf[registration.NhsNumber] = number;
                read.Add((number, registration));
            }
        }

        var practices = (await db.Practices.AsNoTracking().Select(p => p.OdsCode).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var (line, record) in read.Where(r => r.Record.EndedReason is null && !practices.Contains(r.Record.PracticeOdsCode)).Take(MaxProblems))
        {
            problems.Add(new ImportProblem(file, line, $"Practice {record.PracticeOdsCode} is not one the registry knows (import the month's list sizes first)."));
        }

        var held = await HeldAsync(read.Select(r => r.Record.NhsNumber).Distinct().ToList(), ct);
        var added = new List<RegistrationRecord>();
        foreach (var (line, record) in read)
        {
            var key = (record.NhsNumber, RateCalculator.Ticks(record.From));
            if (!held.TryGetValue(key, out var practice))
            {
                added.Add(record);
            }
            else if (practice != record.PracticeOdsCode)
            {
                problems.Add(new ImportProblem(file, line, RegistrationFeed.Clash(record, practice)));
            }
        }

        if (problems.Count > 0)
        {
            return new RegistrationImport(number, 0, read.Count - added.Count, [.. problems.Take(MaxProblems)]);
        }

        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await BulkInsert.RowsAsync(db.Database.GetDbConnection(), transaction.Transaction.GetDbTransaction(), "patient_registrations", Columns,
            added.Select(r => RegistrationFeed.Row(r, time.GetUtcNow().UtcTicks)), ct);
        await transaction.CommitAsync(ct);
        return new RegistrationImport(number, added.Count, read.Count - added.Count, []);
    }

    /// <summary>The registrations already held for these people: (NHS number, start) → practice.</summary>
    private async Task<Dictionary<(long, long), string>> HeldAsync(List<long> people, CancellationToken ct)
    {
        var held = new Dictionary<(long, long), string>();
        foreach (var chunk in people.Chunk(LookupChunk))
        {
            foreach (var r in await db.PatientRegistrations.AsNoTracking().Where(r => chunk.Contains(r.NhsNumber))
                .Select(r => new { r.NhsNumber, r.RegisteredFromTicks, r.PracticeOdsCode }).ToListAsync(ct))
            {
                held[(r.NhsNumber, r.RegisteredFromTicks)] = r.PracticeOdsCode;
            }
        }

        return held;
    }
}
