using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Consents;

public sealed class GroupCommitOnSqliteTests(SqliteApiFactory api) : GroupCommitTests(api), IClassFixture<SqliteApiFactory>
{
    /// <summary>Holds the in-process writer gate every SQLite write transaction queues on.</summary>
    protected override async Task<IAsyncDisposable> HoldWritersAsync()
    {
        using var scope = api.Services.CreateScope();
        var gate = WriteTransaction.GateFor(scope.ServiceProvider.GetRequiredService<RegistryDbContext>())!;
        await gate.WaitAsync();
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}
