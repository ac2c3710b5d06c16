using System.Text.Json;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Policies;

/// <summary>
/// At start-up: publishes each policy version shipped with this build that the database does not hold yet
/// (append-only, so a published version is never changed), then loads the newest version of every policy.
/// The vocabularies (legal bases, data sources) are code systems and ship with the build.
/// </summary>
public static class PolicyCatalogueSeeder
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static PolicyCatalogueDocument Shipped()
    {
        var assembly = typeof(PolicyCatalogueSeeder).Assembly;
        using var stream = assembly.GetManifestResourceStream("ConsentApi.Policies.catalogue.json")
            ?? throw new InvalidOperationException("The policy catalogue is missing from the build.");
        return JsonSerializer.Deserialize<PolicyCatalogueDocument>(stream, Json)
            ?? throw new InvalidOperationException("The shipped policy catalogue is empty.");
    }

    public static async Task LoadPolicyCatalogueAsync(this IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var shipped = Shipped();

        var held = await db.PolicyVersions.Select(p => new { p.Uri, p.Version }).ToListAsync(ct);
        var missing = shipped.Policies.Where(p => !held.Any(h => h.Uri == p.Uri && h.Version == p.Version)).ToList();
        if (missing.Count > 0)
        {
            db.PolicyVersions.AddRange(missing.Select(p => new PolicyVersion
            {
                Uri = p.Uri,
                Version = p.Version,
                DefinitionJson = JsonSerializer.Serialize(p, Json),
                PublishedTicks = time.GetUtcNow().UtcTicks,
            }));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance may have published the same versions at the same moment; anything else is a fault.
                if (!await AllPresentAsync(db, missing, ct))
                {
                    throw;
                }
            }
        }

        var rows = await db.PolicyVersions.AsNoTracking().ToListAsync(ct);
        var newest = rows.GroupBy(r => r.Uri).Select(g => g.MaxBy(r => r.Version)!)
            .Select(r => JsonSerializer.Deserialize<PolicyDefinition>(r.DefinitionJson, Json)!)
            .OrderBy(p => Order(shipped, p.Uri)).ThenBy(p => p.Uri, StringComparer.Ordinal)
            .ToList();
        services.GetRequiredService<PolicyCatalogue>().Load(new PolicyCatalogueDocument
        {
            PurposeSystem = shipped.PurposeSystem,
            LegalBasisSystem = shipped.LegalBasisSystem,
            DataSourceSystem = shipped.DataSourceSystem,
            LegalBases = shipped.LegalBases,
            DataSources = shipped.DataSources,
            Policies = newest,
        });
    }

    private static int Order(PolicyCatalogueDocument shipped, string uri)
    {
        var index = shipped.Policies.ToList().FindIndex(p => p.Uri == uri);
        return index < 0 ? int.MaxValue : index;
    }

    private static async Task<bool> AllPresentAsync(RegistryDbContext db, List<PolicyDefinition> missing, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        foreach (var p in missing)
        {
            if (!await db.PolicyVersions.AnyAsync(v => v.Uri == p.Uri && v.Version == p.Version, ct))
            {
                return false;
            }
        }

        return true;
    }
}
