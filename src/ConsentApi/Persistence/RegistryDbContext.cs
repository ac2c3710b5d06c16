using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Persistence;

/// <summary>The registry's database. The schema comes from the versioned scripts in Persistence/Schema, not from EF.</summary>
public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    public DbSet<Consents.ConsentVersion> ConsentVersions => Set<Consents.ConsentVersion>();
    public DbSet<Consents.ConsentSearchToken> ConsentSearchTokens => Set<Consents.ConsentSearchToken>();
    public DbSet<Consents.ConsentSearchReference> ConsentSearchReferences => Set<Consents.ConsentSearchReference>();
    public DbSet<Population.Practice> Practices => Set<Population.Practice>();
    public DbSet<Population.PatientRegistration> PatientRegistrations => Set<Population.PatientRegistration>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);
}
