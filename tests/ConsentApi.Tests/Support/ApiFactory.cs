using ConsentApi.Persistence;
using FhirAdapters.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Tests.Support;

/// <summary>
/// The real API on Kestrel over loopback HTTP, with its own empty database. Used as a class fixture, so every test
/// class gets a new database; tests inside a class keep apart by using their own patients and organisations.
/// </summary>
public abstract class ApiFactory : WebApplicationFactory<Program>
{
    protected ApiFactory()
    {
        UseKestrel(0);
        StartServer();
    }

    public abstract string Provider { get; }

    /// <summary>A folder for the test's own files (deleted with the factory).</summary>
    public string ScratchDirectory { get; } = Path.Combine(Path.GetTempPath(), "consent-registry-tests", Guid.NewGuid().ToString("N"));

    /// <summary>An HttpClient whose base address is the FHIR base (…/fhir/).</summary>
    public HttpClient CreateFhirHttpClient()
    {
        var client = CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, "fhir/");
        return client;
    }

    public FhirClient CreateFhirClient() => new(CreateFhirHttpClient());

    /// <summary>A DbContext on a further, empty database of the same provider (for schema tests).</summary>
    public abstract RegistryDbContext CreateExtraDatabase(string name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Persistence:Provider", Provider);
        ConfigureDatabase(builder);
    }

    protected abstract void ConfigureDatabase(IWebHostBuilder builder);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(ScratchDirectory))
        {
            Directory.Delete(ScratchDirectory, recursive: true);
        }
    }

    protected static DbContextOptions<RegistryDbContext> Options(Action<DbContextOptionsBuilder<RegistryDbContext>> use)
    {
        var builder = new DbContextOptionsBuilder<RegistryDbContext>();
        use(builder);
        return builder.Options;
    }
}
