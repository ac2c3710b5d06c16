using FhirAdapters.Outcomes;
using System.Globalization;
using System.Text.Json;
using ConsentApi.Consents;
using ConsentApi.Persistence;
using ConsentApi.Register;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;
using FhirAdapters.Validation;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Export;

/// <summary>
/// Loads a bulk export into an empty registry (migration, or restoring a backup): each Consent keeps its id, version
/// number and last-updated time, and is validated as a write would be; register entries keep their ids and dates.
/// The audit is not imported: it is this registry's own hash chain, and the old one stays with the export's files.
/// A bad line stops the import with its file and line number; nothing is written for a file that fails.
/// </summary>
public sealed class ExportImporter(RegistryDbContext db)
{
    private const int Batch = 2000;

    public async Task<(long ConsentVersions, long RegisterEntries)> ImportAsync(string folder, CancellationToken ct)
    {
        if (await db.ConsentVersions.AnyAsync(ct) || await db.Disclosures.AnyAsync(ct))
        {
            throw new InvalidOperationException("An import needs an empty registry: this one already holds Consents or register entries.");
        }

        long versions = 0;
        foreach (var file in Files(folder, ExportTypes.Consent))
        {
            var batch = new List<ConsentVersion>(Batch);
            var line = 0;
            await using var transaction = await WriteTransaction.BeginAsync(db, ct);
            foreach (var text in File.ReadLines(file))
            {
                line++;
                batch.Add(Version(text, file, line));
                if (batch.Count == Batch)
                {
                    versions += await SaveAsync(batch, ct);
                }
            }

            versions += await SaveAsync(batch, ct);
            await transaction.CommitAsync(ct);
        }

        long entries = 0;
        foreach (var file in Files(folder, ExportTypes.Disclosure))
        {
            foreach (var text in File.ReadLines(file).Where(l => l.Length > 0))
            {
                var entry = JsonSerializer.Deserialize<RegisterLine>(text, RegisterLine.Json)
                    ?? throw new InvalidDataException($"{Path.GetFileName(file)}: an empty register line.");
                db.Disclosures.Add(new Disclosure
                {
                    Id = entry.Id,
                    RecipientOds = entry.RecipientOds,
                    RecipientName = entry.RecipientName,
                    Purpose = entry.Purpose,
                    LegalBasis = entry.LegalBasis,
                    DataDescription = entry.DataDescription,
                    OptOutsApply = entry.OptOutsApply,
                    CreatedTicks = entry.Created.UtcTicks,
                });
                entries++;
            }

            await using var transaction = await WriteTransaction.BeginAsync(db, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return (versions, entries);
    }

    private static IEnumerable<string> Files(string folder, string type) =>
        Directory.EnumerateFiles(folder, $"{type}-*.ndjson").Order(StringComparer.Ordinal);

    private static ConsentVersion Version(string text, string file, int line)
    {
        var where = $"{Path.GetFileName(file)} line {line.ToString(CultureInfo.InvariantCulture)}";
        if (!FhirJson.TryParse<Consent>(System.Text.Encoding.UTF8.GetBytes(text), out var consent, out var issues))
        {
            throw new InvalidDataException($"{where} is not a Consent: {string.Join("; ", issues.Select(i => i.Message()))}");
        }

        if (ConsentValidator.Validate(consent!).FirstOrDefault(i => i.IsError()) is { } problem)
        {
            throw new InvalidDataException($"{where} breaks the registry's rules: {problem.Message()}");
        }

        if (consent!.Id is not { } id || !int.TryParse(consent.Meta?.VersionId, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !FhirDateRange.TryParse(consent.Meta!.LastUpdatedElement?.ToString(), out var updated))
        {
            throw new InvalidDataException($"{where} has no id, meta.versionId or meta.lastUpdated to keep.");
        }

        return ConsentVersion.From(consent, id, version, version == 1 ? "POST" : "PUT", updated.Start);
    }

    private async Task<int> SaveAsync(List<ConsentVersion> batch, CancellationToken ct)
    {
        db.ConsentVersions.AddRange(batch);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var saved = batch.Count;
        batch.Clear();
        return saved;
    }
}
