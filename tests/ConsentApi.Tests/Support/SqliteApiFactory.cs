using ConsentApi.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Tests.Support;

/// <summary>The API on the embedded default: a SQLite file in a fresh folder.</summary>
public class SqliteApiFactory : ApiFactory
{
    public SqliteApiFactory()
    {
    }

    protected SqliteApiFactory(bool waitForDecisions)
        : base(waitForDecisions)
    {
    }

    public override string Provider => PersistenceOptions.Sqlite;

    public override RegistryDbContext CreateExtraDatabase(string name)
    {
        Directory.CreateDirectory(ScratchDirectory);
        return new RegistryDbContext(Options(o => o.UseSqlite($"Data Source={Path.Combine(ScratchDirectory, name + ".db")}")));
    }

    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        // The database is a file in DataDirectory (set for every provider).
    }

    protected override void Dispose(bool disposing)
    {
        SqliteConnection.ClearAllPools();
        base.Dispose(disposing);
    }
}
