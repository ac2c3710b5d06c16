using ConsentRegistry.DesignSystem;
using ConsentApi.Accounts;
using ConsentApi.Audit;
using ConsentApi.BulkChecks;
using ConsentApi.CommandLine;
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
using ConsentApi.Operations;
using ConsentApi.Persistence;
using ConsentApi.Policies;
using ConsentApi.Population;
using ConsentApi.Proxies;
using ConsentApi.Register;
using ConsentApi.Subscriptions;

var builder = WebApplication.CreateBuilder(args);

builder.WebHost.ConfigureKestrel(kestrel =>
{
    // Generous, so that the registry's own limits (Fhir:MaxUrlLength, body sizes) answer with an OperationOutcome first.
    kestrel.Limits.MaxRequestLineSize = 64 * 1024;
    kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
});
builder.Services.AddRegistryPersistence();
builder.Services.AddRegistryCompression();
builder.Services.AddRegistryOpenApi();
builder.Services.AddRegistryTelemetry(builder.Configuration);
builder.Services.AddRegistryIdentity();
builder.Services.AddOptions<FhirOptions>().BindConfiguration(FhirOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<DemoDataOptions>().BindConfiguration(DemoDataOptions.Section);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<DecisionOptions>().BindConfiguration(DecisionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddScoped<ConsentStore>();
builder.Services.AddSingleton<GroupCommit>();
builder.Services.AddSingleton<SqliteReadStatements>();
builder.Services.AddSingleton<PolicyCatalogue>();
builder.Services.AddSingleton<DecisionIndex>();
builder.Services.AddSingleton<DecisionIndexSync>();
builder.Services.AddSingleton<LowPriorityScheduler>();
builder.Services.AddSingleton<FhirValidationWarmup>();
builder.Services.AddHostedService<DecisionIndexFollower>();
builder.Services.AddSingleton<DecisionRecorder>();
builder.Services.AddSingleton<AuditLog>();
builder.Services.AddHostedService<AuditWriter>();
builder.Services.AddHostedService<SqliteCheckpointer>();
builder.Services.AddScoped<BulkCheckRunner>();
builder.Services.AddRegistryMonitoring(builder.Configuration);
builder.Services.AddRegistrySubscriptions(builder.Configuration);
builder.Services.AddRegistryExport();
builder.Services.AddSingleton<BulkJobs>();
builder.Services.AddSingleton<BulkAuditFanout>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<BulkAuditFanout>());
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<JobsHealthCheck>("jobs")
    .AddCheck<SubscriptionHealthCheck>("subscriptions").AddCheck<AuditQueueHealthCheck>("audit").AddCheck<DecisionIndexHealthCheck>("decisions");

var app = builder.Build();

// Commands (generate, import-list-sizes, compute-rates, import-ndjson, verify-audit, clients, keys), one grammar:
// host settings may come first, so the command line is read from the command word on.
var context = new CommandContext(app.Services, async (needs, ct) =>
{
    if (needs.HasFlag(CommandNeeds.Schema))
    {
        await app.MigrateRegistryDatabaseAsync();
    }

    if (needs.HasFlag(CommandNeeds.Decisions))
    {
        await app.Services.LoadPolicyCatalogueAsync(ct);
        await app.Services.GetRequiredService<DecisionIndexSync>().RebuildAsync(ct);
    }

    if (needs.HasFlag(CommandNeeds.Identity))
    {
        await app.Services.LoadIdentityAsync(ct);
    }
});
var commands = RegistryCommandLine.Create(context);
var commandStart = RegistryCommandLine.CommandStart(commands, args);
if (commandStart >= 0)
{
    return await RegistryCommandLine.InvokeAsync(commands, args[commandStart..]);
}

app.RequireConfiguredServiceIdentity();
app.Services.GetRequiredService<FhirValidationWarmup>().Start(app.Lifetime.ApplicationStopping);
await app.MigrateRegistryDatabaseAsync();
await app.Services.LoadIdentityAsync(app.Lifetime.ApplicationStopping);
await app.Services.EnsureRolesAsync();
await app.Services.LoadPolicyCatalogueAsync(app.Lifetime.ApplicationStopping);
// The decision index builds beside serving: reads, searches and writes are answered at once, decisions once it is
// exact (decision 21). The demo seed's rate jobs wait for it.
_ = app.Services.GetRequiredService<DecisionIndexSync>().StartBuilding(app.Lifetime);
await app.SeedDemoDataAsync();

app.UseResponseCompression();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseNhsukFrontend();
app.UseMiddleware<FhirProtocolMiddleware>();
app.UseRegistryIdentity();
app.UseRegistryJobDashboard();

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
app.MapRegistrations();
app.MapSubscriptions();
app.MapExport();
app.MapAudit();
app.MapBulkChecks();
app.MapCdsHooks();
app.MapPolicies();
app.MapRegister();
app.MapObjections();
app.MapRegistryOpenApi();
app.MapRegistryMetrics();
app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync })
    .AllowAnonymous();
app.MapGet("/health/live", () => "ok").WithName("Liveness").ExcludeFromDescription().AllowAnonymous();
app.MapGet("/health/ready", DecisionIndexHealthCheck.Readiness).WithName("Readiness").ExcludeFromDescription().AllowAnonymous();
app.MapGet("/", () => Results.Redirect("/fhir/metadata")).ExcludeFromDescription().AllowAnonymous();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the in-process tests.</summary>
public partial class Program;
