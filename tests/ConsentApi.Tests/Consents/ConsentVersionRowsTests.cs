using ConsentApi.Consents;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Consents;

/// <summary>The plain insert of a version: a second row for the same version is refused by the unique index with the
/// error code <see cref="ConsentStore"/> answers 409 for (any other constraint failure is a server fault).</summary>
public sealed class ConsentVersionRowsTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task InsertAsync_WhenTheVersionIsAlreadyStored_ThenAUniqueViolationTheStoreAnswers409For()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ConsentVersionRows.InsertAsync(db, Version(), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<SqliteException>(() => ConsentVersionRows.InsertAsync(db, Version(), CancellationToken.None));

        Assert.Equal(ConsentStore.SqliteUniqueViolation, refused.SqliteExtendedErrorCode);
    }

    private static ConsentVersion Version() => new()
    {
        ResourceId = "rows-unique-1",
        VersionId = 1,
        LastUpdatedTicks = 1,
        Method = "POST",
        ResourceJson = "{}",
        Status = "active",
        PatientNhsNumber = "9434765919",
    };
}
