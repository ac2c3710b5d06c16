using ConsentApi.Consents;
using ConsentApi.Demo;
using ConsentApi.Fhir;
using ConsentApi.Metadata;
using ConsentApi.Persistence;
using ConsentApi.Synthetic;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRegistryPersistence();
builder.Services.AddOptions<FhirOptions>().BindConfiguration(FhirOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<DemoDataOptions>().BindConfiguration(DemoDataOptions.Section);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<ConsentStore>();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();

// Commands: host options such as --contentRoot may come first, so look for the command word anywhere.
var command = Array.IndexOf(args, "generate");
if (command >= 0)
{
    return await GenerateCommand.RunAsync(app.Services, args[(command + 1)..], CancellationToken.None);
}

await app.MigrateRegistryDatabaseAsync();
await app.SeedDemoDataAsync();

app.UseMiddleware<FhirProtocolMiddleware>();

app.MapMetadata();
app.MapConsents();
app.MapHealthChecks("/health");
app.MapGet("/health/live", () => "ok").WithName("Liveness").ExcludeFromDescription();
app.MapGet("/", () => Results.Redirect("/fhir/metadata")).ExcludeFromDescription();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the in-process tests.</summary>
public partial class Program;
