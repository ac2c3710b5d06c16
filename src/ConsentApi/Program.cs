using ConsentApi.Accounts;
using ConsentApi.Audit;
using ConsentApi.BulkChecks;
using ConsentApi.Consents;
using ConsentApi.Decisions;
using ConsentApi.Demo;
using ConsentApi.Export;
using ConsentApi.Fhir;
using ConsentApi.Identity;
using ConsentApi.Metadata;
using ConsentApi.Monitoring;
using ConsentApi.Monitoring.Investigations;
using ConsentApi.Monitoring.Jobs;
using ConsentApi.Objections;
using ConsentApi.Persistence;
using ConsentApi.Policies;
using ConsentApi.Proxies;
using ConsentApi.Register;
using ConsentApi.Subscriptions;
using ConsentApi.Synthetic;

var builder = WebApplication.CreateBuilder(args);

builder.WebHost.ConfigureKestrel(kestrel =>
{
    // Generous, so that the registry's own limits (Fhir:MaxUrlLength, body sizes) answer with an OperationOutcome first.
    kestrel.Limits.MaxRequestLineSize = 64 * 1024;
    kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
});
builder.Services.AddRegistryPersistence();
builder.Services.AddRegistryIdentity();
builder.Services.AddOptions<FhirOptions>().BindConfiguration(FhirOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<DemoDataOptions>().BindConfiguration(DemoDataOptions.Section);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<DecisionOptions>().BindConfiguration(DecisionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddScoped<ConsentStore>();
builder.Services.AddSingleton<PolicyCatalogue>();
builder.Services.AddSingleton<DecisionIndex>();
builder.Services.AddSingleton<DecisionIndexSync>();
builder.Services.AddHostedService<FhirValidationWarmup>();
builder.Services.AddHostedService<DecisionIndexFollower>();
builder.Services.AddSingleton<DecisionRecorder>();
builder.Services.AddSingleton<AuditLog>();
builder.Services.AddHostedService<AuditWriter>();
builder.Services.AddScoped<BulkCheckRunner>();
builder.Services.AddRegistryMonitoring(builder.Configuration);
builder.Services.AddRegistrySubscriptions(builder.Configuration);
builder.Services.AddRegistryExport();
builder.Services.AddSingleton<BulkJobs>();
builder.Services.AddSingleton<BulkAuditFanout>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<BulkAuditFanout>());
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<JobsHealthCheck>("jobs")
    .AddCheck<SubscriptionHealthCheck>("subscriptions").AddCheck<AuditQueueHealthCheck>("audit");

var app = builder.Build();

// Commands: host options such as --contentRoot may come first, so look for the command word anywhere.
var command = Array.IndexOf(args, "generate");
if (command >= 0)
{
    return await GenerateCommand.RunAsync(app.Services, args[(command + 1)..], CancellationToken.None);
}

if (args.Contains("verify-audit"))
{
    await app.MigrateRegistryDatabaseAsync();
    return await VerifyAuditCommand.RunAsync(app.Services, CancellationToken.None);
}

var importCommand = Array.IndexOf(args, "import-list-sizes");
if (importCommand >= 0)
{
    await app.MigrateRegistryDatabaseAsync();
    return await ImportListSizesCommand.RunAsync(app.Services, args[(importCommand + 1)..], CancellationToken.None);
}

var ratesCommand = Array.IndexOf(args, "compute-rates");
if (ratesCommand >= 0)
{
    await app.MigrateRegistryDatabaseAsync();
    await app.Services.LoadPolicyCatalogueAsync(CancellationToken.None);
    await app.Services.GetRequiredService<DecisionIndexSync>().RebuildAsync(CancellationToken.None);
    return await ComputeRatesCommand.RunAsync(app.Services, args[(ratesCommand + 1)..], CancellationToken.None);
}

var importNdjson = Array.IndexOf(args, "import-ndjson");
if (importNdjson >= 0)
{
    await app.MigrateRegistryDatabaseAsync();
    return await ImportCommand.RunAsync(app.Services, args[(importNdjson + 1)..], CancellationToken.None);
}

var clientsCommand = Array.FindIndex(args, a => a is "clients" or "keys");
if (clientsCommand >= 0)
{
    await app.MigrateRegistryDatabaseAsync();
    await app.Services.LoadIdentityAsync(CancellationToken.None);
    return await ClientsCommand.RunAsync(app.Services, args[(clientsCommand + 1)..], CancellationToken.None);
}

app.RequireConfiguredServiceIdentity();
await app.MigrateRegistryDatabaseAsync();
await app.Services.LoadIdentityAsync(app.Lifetime.ApplicationStopping);
await app.Services.EnsureRolesAsync();
await app.Services.LoadPolicyCatalogueAsync(app.Lifetime.ApplicationStopping);
await app.Services.GetRequiredService<DecisionIndexSync>().RebuildAsync(app.Lifetime.ApplicationStopping);
await app.SeedDemoDataAsync();

app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseMiddleware<FhirProtocolMiddleware>();
app.UseRegistryIdentity();

app.MapDiscovery();
app.MapToken();
app.MapSignIn();
app.MapAccounts();
app.MapClientAdministration();
app.MapProxies();
app.MapListSizes();
app.MapRates();
app.MapDashboard();
app.MapFlags();
app.MapJobs();
app.MapMetadata();
app.MapConformance();
app.MapDecisions();
app.MapConsents();
app.MapSubscriptions();
app.MapExport();
app.MapAudit();
app.MapBulkChecks();
app.MapCdsHooks();
app.MapPolicies();
app.MapRegister();
app.MapObjections();
app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync })
    .AllowAnonymous();
app.MapGet("/health/live", () => "ok").WithName("Liveness").ExcludeFromDescription().AllowAnonymous();
app.MapGet("/", () => Results.Redirect("/fhir/metadata")).ExcludeFromDescription().AllowAnonymous();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the in-process tests.</summary>
public partial class Program;
