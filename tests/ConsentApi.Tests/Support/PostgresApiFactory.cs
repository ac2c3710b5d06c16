using ConsentApi.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Tests.Support;

/// <summary>The API on PostgreSQL: a fresh database on the test server (see <see cref="TestPostgres"/>).</summary>
public class PostgresApiFactory : ApiFactory
{
    private readonly List<string> _databases = [];
    private string? _connectionString;

    public override string Provider => PersistenceOptions.Postgres;

    private string ConnectionString => _connectionString ??= NewDatabase();

    public override RegistryDbContext CreateExtraDatabase(string name) =>
        new(Options(o => o.UseNpgsql(NewDatabase())));

    protected override void ConfigureDatabase(IWebHostBuilder builder) =>
        builder.UseSetting("Persistence:ConnectionString", ConnectionString);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            foreach (var database in _databases)
            {
                TestPostgres.DropDatabase(database);
            }
        }
    }

    private string NewDatabase()
    {
        var connectionString = TestPostgres.CreateDatabase();
        _databases.Add(connectionString);
        return connectionString;
    }
}
