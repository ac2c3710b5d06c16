using FhirAdapters.Outcomes;
using ConsentApi.Consents;
using ConsentApi.Consents.Search;
using ConsentApi.Fhir;
using Hl7.Fhir.Model;
using FhirAdapters.Validation;
using Microsoft.Extensions.Options;

namespace ConsentApi.Demo;

/// <summary>
/// Seeds the demonstration Consents through the same store as the API (same validation and rules), each with a
/// demo identifier and If-None-Exist on it, so running it again changes nothing.
/// </summary>
public static partial class DemoDataSeeder
{
    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DemoDataOptions>>().Value.Seed)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ConsentStore>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<FhirOptions>>().Value;
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("ConsentApi.Demo");
        var created = 0;
        foreach (var (key, consent) in DemoConsents.All())
        {
            consent.Identifier = [new Identifier(DemoConsents.DemoIdentifierSystem, key)];
            var errors = ConsentValidator.Validate(consent).Where(i => i.IsError()).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"Demo Consent {key} is invalid: {string.Join("; ", errors.Select(e => e.Diagnostics))}");
            }

            var condition = SearchRequestParser.Parse([new("identifier", $"{DemoConsents.DemoIdentifierSystem}|{key}")], strict: true, options,
                "http://localhost/fhir", DateTimeOffset.UtcNow);
            var result = await store.CreateAsync(consent, condition, Identity.PersonScope.Everyone, new Audit.AuditActor("system", "demo-seed", null, "Demonstration data"), app.Lifetime.ApplicationStopping);
            created += result.Kind == WriteKind.Created ? 1 : 0;
        }

        await DemoDisclosures.SeedAsync(scope.ServiceProvider.GetRequiredService<Persistence.RegistryDbContext>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(), app.Lifetime.ApplicationStopping);
        await DemoClients.SeedAsync(scope.ServiceProvider.GetRequiredService<Identity.ClientRegistry>(), app.Lifetime.ApplicationStopping);
        await DemoAccounts.SeedAsync(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<Identity.ClientRegistry>(), app.Lifetime.ApplicationStopping);
        var dataDirectory = scope.ServiceProvider.GetRequiredService<IOptions<Persistence.PersistenceOptions>>().Value.DataFolder(app.Environment.ContentRootPath);
        await DemoMonitoring.SeedAsync(app.Services, dataDirectory, scope.ServiceProvider.GetRequiredService<TimeProvider>(), app.Lifetime.ApplicationStopping);
        await DemoPeople.SeedAsync(scope.ServiceProvider.GetRequiredService<Persistence.RegistryDbContext>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(), app.Lifetime.ApplicationStopping);
        LogSeeded(logger, created);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Created} demonstration Consents created (the rest were already there)")]
    private static partial void LogSeeded(ILogger logger, int created);
}
