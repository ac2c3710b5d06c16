using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Persistence;

/// <summary>
/// The registry's database, accounts (ASP.NET Core Identity) included. The schema comes from the versioned scripts in
/// Persistence/Schema, not from EF.
/// </summary>
public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : IdentityDbContext<Accounts.RegistryUser>(options)
{
    public DbSet<Consents.ConsentVersion> ConsentVersions => Set<Consents.ConsentVersion>();
    public DbSet<Consents.ConsentSearchToken> ConsentSearchTokens => Set<Consents.ConsentSearchToken>();
    public DbSet<Consents.ConsentSearchReference> ConsentSearchReferences => Set<Consents.ConsentSearchReference>();
    public DbSet<Policies.PolicyVersion> PolicyVersions => Set<Policies.PolicyVersion>();
    public DbSet<Audit.AuditRecord> AuditRecords => Set<Audit.AuditRecord>();
    public DbSet<Audit.AuditPatientLink> AuditPatientLinks => Set<Audit.AuditPatientLink>();
    public DbSet<Objections.ObjectionConsideration> ObjectionConsiderations => Set<Objections.ObjectionConsideration>();
    public DbSet<Register.Disclosure> Disclosures => Set<Register.Disclosure>();
    public DbSet<Register.BulkCheck> BulkChecks => Set<Register.BulkCheck>();
    public DbSet<Identity.ApiClient> ApiClients => Set<Identity.ApiClient>();
    public DbSet<Identity.UsedClientAssertion> UsedClientAssertions => Set<Identity.UsedClientAssertion>();
    public DbSet<Identity.SigningKey> SigningKeys => Set<Identity.SigningKey>();
    public DbSet<Proxies.ProxyRelationship> ProxyRelationships => Set<Proxies.ProxyRelationship>();
    public DbSet<Monitoring.ListSize> ListSizes => Set<Monitoring.ListSize>();
    public DbSet<Monitoring.ListSizeImport> ListSizeImports => Set<Monitoring.ListSizeImport>();
    public DbSet<Monitoring.Rates.RateDay> RateDays => Set<Monitoring.Rates.RateDay>();
    public DbSet<Monitoring.Rates.ObjectionRate> ObjectionRates => Set<Monitoring.Rates.ObjectionRate>();
    public DbSet<Monitoring.Rates.PracticeWeek> PracticeWeeks => Set<Monitoring.Rates.PracticeWeek>();
    public DbSet<Monitoring.Jobs.JobRun> JobRuns => Set<Monitoring.Jobs.JobRun>();
    public DbSet<Monitoring.Detection.MonitoringFlag> MonitoringFlags => Set<Monitoring.Detection.MonitoringFlag>();
    public DbSet<Monitoring.Investigations.InvestigationVersion> InvestigationVersions => Set<Monitoring.Investigations.InvestigationVersion>();
    public DbSet<Monitoring.Investigations.WebhookDelivery> WebhookDeliveries => Set<Monitoring.Investigations.WebhookDelivery>();
    public DbSet<Subscriptions.SubscriptionRecord> Subscriptions => Set<Subscriptions.SubscriptionRecord>();
    public DbSet<Subscriptions.SubscriptionNotification> SubscriptionNotifications => Set<Subscriptions.SubscriptionNotification>();
    public DbSet<Export.ExportJob> ExportJobs => Set<Export.ExportJob>();
    public DbSet<Population.Practice> Practices => Set<Population.Practice>();
    public DbSet<Population.PatientRegistration> PatientRegistrations => Set<Population.PatientRegistration>();
    public DbSet<Identity.AuthFailure> AuthFailures => Set<Identity.AuthFailure>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);
    }
}
