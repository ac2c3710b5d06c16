using ConsentApi.Persistence;
using ConsentApi.Synthetic;
using ConsentApi.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsentApi.Tests.Synthetic;

public sealed class SqlitePopulationLoaderTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task CompleteAsync_WhenAnotherConnectionHeldTheWriteLock_ThenTheLoadWaitedForIt()
    {
        await using var db = api.CreateExtraDatabase("locked");
        await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var connectionString = db.Database.GetConnectionString()!;
        await using var loader = new SqlitePopulationLoader(connectionString);
        Assert.False(await loader.HasPopulationAsync(CancellationToken.None));
        await loader.BeginAsync(CancellationToken.None);

        await using (var other = new SqliteConnection(connectionString))
        {
            await other.OpenAsync();
            await using var hold = other.BeginTransaction(deferred: false);
            loader.AddPractice(RegistrationRows.TestPractice("Y90001"));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await hold.CommitAsync();
        }

        await loader.CompleteAsync(CancellationToken.None);

        Assert.Equal("Test practice Y90001", (await db.Practices.AsNoTracking().SingleAsync()).Name);
    }
}
