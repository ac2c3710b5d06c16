using ConsentApi.Audit;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Consents;

public sealed class GroupCommitOnPostgresTests(PostgresApiFactory api) : GroupCommitTests(api), IClassFixture<PostgresApiFactory>
{
    /// <summary>Holds the audit chain's advisory lock from a session of its own: a batch takes it before anything else.</summary>
    protected override async Task<IAsyncDisposable> HoldWritersAsync()
    {
        var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock(hashtextextended({AuditAppender.ChainLock}, 0))");
        return new Release(scope, db);
    }

    private sealed class Release(AsyncServiceScope scope, RegistryDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock(hashtextextended({AuditAppender.ChainLock}, 0))");
            await db.Database.CloseConnectionAsync();
            await scope.DisposeAsync();
        }
    }
}
