using System.Buffers.Binary;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using FhirAdapters.Tests.Builders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Persistence;

/// <summary>
/// The running API copies the write-ahead log back into the database file by itself, well before SQLite's automatic
/// checkpoint would (thousands of pages): read from the WAL index (the -shm file), which this test only reads, so the
/// test cannot checkpoint anything itself.
/// </summary>
public sealed class SqliteCheckpointerTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task ExecuteAsync_WhenConsentsWereWritten_ThenTheLogIsCopiedBackWithoutAWriterDoingIt()
    {
        await api.CreateFhirClient().CreateAsync(new ConsentBuilder().Build());
        string file;
        await using (var scope = api.Services.CreateAsyncScope())
        {
            file = new SqliteConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.GetConnectionString()).DataSource;
        }

        var (frames, backfilled) = (0u, 0u);
        await Eventually.TrueAsync(() =>
        {
            (frames, backfilled) = WalIndex(file + "-shm");
            return frames > 0 && backfilled == frames;
        }, "every frame of the log to be copied back", seconds: 10);

        Assert.True(frames < SqlitePragmaInterceptor.CheckpointPages, $"{frames} frames: SQLite's own checkpoint could have run");
    }

    /// <summary>
    /// The log's frame count (mxFrame, offset 16 of the index header) and how many of them are in the database file
    /// (nBackfill, offset 96, after the header's two copies), in the machine's byte order, as SQLite writes them.
    /// </summary>
    private static (uint Frames, uint Backfilled) WalIndex(string shm)
    {
        using var stream = new FileStream(shm, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[100];
        stream.ReadExactly(header);
        return (BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(16)), BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(96)));
    }
}
