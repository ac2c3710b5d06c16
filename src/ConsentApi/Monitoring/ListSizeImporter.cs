using ConsentApi.Fhir;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring;

/// <summary>
/// Stores a checked month of list sizes in one transaction: practices added or brought up to date, every list size
/// added, and the import recorded. A month already imported is refused (snapshots are never overwritten).
/// </summary>
public sealed class ListSizeImporter(RegistryDbContext db, TimeProvider time)
{
    private const int Chunk = 5000;

    public async Task<ListSizeImport> StoreAsync(ListSizeBatch batch, string importedBy, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.AcquireAsync(["list-sizes:" + batch.ExtractDate], ct);
        if (await db.ListSizeImports.AnyAsync(i => i.ExtractDate == batch.ExtractDate, ct))
        {
            throw new FhirErrorException(StatusCodes.Status409Conflict, "duplicate",
                $"List sizes for {batch.ExtractDate} have already been imported; each month's snapshot is kept as it was.");
        }

        var codes = batch.Practices.Select(p => p.OdsCode).ToList();
        var known = await db.Practices.Where(p => codes.Contains(p.OdsCode)).ToDictionaryAsync(p => p.OdsCode, StringComparer.Ordinal, ct);
        foreach (var practice in batch.Practices)
        {
            if (known.TryGetValue(practice.OdsCode, out var existing))
            {
                // Practices move between sub-ICBs and are renamed: the newest publication says where they are now.
                (existing.Name, existing.SubIcbCode, existing.SubIcbName, existing.IcbCode, existing.IcbName, existing.RegionCode, existing.RegionName) =
                    (practice.Name, practice.SubIcbCode, practice.SubIcbName, practice.IcbCode, practice.IcbName, practice.RegionCode, practice.RegionName);
            }
            else
            {
                db.Practices.Add(practice);
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < batch.ListSizes.Count; i += Chunk)
        {
            db.ListSizes.AddRange(batch.ListSizes.Skip(i).Take(Chunk));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            progress?.Report((Math.Min(i + Chunk, batch.ListSizes.Count), batch.ListSizes.Count));
        }

        var import = new ListSizeImport
        {
            ExtractDate = batch.ExtractDate,
            Practices = batch.Practices.Count,
            RowsImported = batch.ListSizes.Count,
            ImportedTicks = time.GetUtcNow().UtcTicks,
            ImportedBy = importedBy,
        };
        db.ListSizeImports.Add(import);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return import;
    }
}
