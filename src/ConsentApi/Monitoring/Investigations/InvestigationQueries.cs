using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring.Investigations;

/// <summary>Each flag's current investigation state: its highest version.</summary>
public static class InvestigationQueries
{
    public static IQueryable<InvestigationVersion> Current(RegistryDbContext db) =>
        db.InvestigationVersions.AsNoTracking()
            .Where(v => v.Version == db.InvestigationVersions.Where(x => x.FlagId == v.FlagId).Max(x => x.Version));

    public static Task<int> OpenCountAsync(RegistryDbContext db, CancellationToken ct) =>
        Current(db).CountAsync(v => v.Status != InvestigationStatus.Explained && v.Status != InvestigationStatus.Dismissed, ct);
}
