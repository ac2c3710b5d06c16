using ConsentApi.Persistence;
using FhirAdapters.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Support;

/// <summary>
/// The real API on Kestrel over loopback HTTP, with its own SQLite database in a fresh folder. Used as a class
/// fixture, so every test class gets a new database; tests inside a class keep apart by using their own patients.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "consent-registry-tests", Guid.NewGuid().ToString("N"));

    public ApiFactory()
    {
        UseKestrel(0);
        StartServer();
    }

    public string DataDirectory => _dataDirectory;

    /// <summary>An HttpClient whose base address is the FHIR base (…/fhir/).</summary>
    public HttpClient CreateFhirHttpClient()
    {
        var client = CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, "fhir/");
        return client;
    }

    public FhirClient CreateFhirClient() => new(CreateFhirHttpClient());

    public string ConnectionString
    {
        get
        {
            using var scope = Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.GetConnectionString()!;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Persistence:DataDirectory", _dataDirectory);
        builder.UseSetting("Demo:Seed", "false");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (disposing && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
