using ConsentApi.Consents;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Consents;

/// <summary>
/// The plain insert of a version with its search rows (on PostgreSQL one statement): the rows land under the version's
/// seq, a guard that finds a Consent stops the insert and names it, and a second row for the same version is refused
/// by the unique index with the error <see cref="ConsentStore"/> answers 409 for.
/// </summary>
public abstract class ConsentVersionRowsTests(ApiFactory api)
{
    /// <summary>Whether the exception is the provider's unique violation, the one the store answers 409 for.</summary>
    protected abstract bool IsUniqueViolation(Exception refused);

    [Fact]
    public async Task InsertAsync_WhenTheVersionHasSearchRows_ThenTheyAreStoredUnderItsSeq()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var version = Version("rows-search-1");
        version.DateStart = null;
        version.PeriodEnd = 42;

        var existing = await ConsentVersionRows.InsertAsync(db, version, guard: null, CancellationToken.None);

        Assert.Null(existing);
        var stored = await db.ConsentVersions.AsNoTracking().SingleAsync(v => v.ResourceId == "rows-search-1");
        Assert.Equal(version.Seq, stored.Seq);
        Assert.Null(stored.DateStart);
        Assert.Equal(42, stored.PeriodEnd);
        Assert.Equal(["policy|urn:x|type-1|", "purpose||HOPERAT|care"],
            (await db.ConsentSearchTokens.AsNoTracking().Where(t => t.VersionSeq == version.Seq).ToListAsync())
                .Select(t => $"{t.Param}|{t.System}|{t.Code}|{t.Text}").Order(StringComparer.Ordinal));
        Assert.Equal(["patient|||https://fhir.nhs.uk/Id/nhs-number|9434765919"],
            (await db.ConsentSearchReferences.AsNoTracking().Where(r => r.VersionSeq == version.Seq).ToListAsync())
                .Select(r => $"{r.Param}|{r.TargetType}|{r.TargetId}|{r.IdentifierSystem}|{r.IdentifierValue}"));
    }

    [Fact]
    public async Task InsertAsync_WhenTheGuardFindsAConsent_ThenNothingIsInsertedAndItIsNamed()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ConsentVersionRows.InsertAsync(db, Version("rows-guard-1"), guard: null, CancellationToken.None);
        var guard = new VersionGuard("SELECT resource_id FROM consent_versions WHERE resource_id = @p0 AND version_id = @p1", ["rows-guard-1", 1]);
        var second = Version("rows-guard-2");
        var tokens = await db.ConsentSearchTokens.CountAsync();

        var existing = await ConsentVersionRows.InsertAsync(db, second, guard, CancellationToken.None);

        Assert.Equal("rows-guard-1", existing);
        Assert.False(await db.ConsentVersions.AnyAsync(v => v.ResourceId == "rows-guard-2"));
        Assert.Equal(tokens, await db.ConsentSearchTokens.CountAsync());
    }

    [Fact]
    public async Task InsertAsync_WhenTheGuardFindsNothing_ThenTheVersionIsInserted()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var guard = new VersionGuard("SELECT resource_id FROM consent_versions WHERE resource_id = @p0", ["rows-nobody"]);

        var existing = await ConsentVersionRows.InsertAsync(db, Version("rows-guard-3"), guard, CancellationToken.None);

        Assert.Null(existing);
        Assert.True(await db.ConsentVersions.AnyAsync(v => v.ResourceId == "rows-guard-3"));
    }

    [Fact]
    public async Task InsertAsync_WhenTheVersionIsAlreadyStored_ThenAUniqueViolationTheStoreAnswers409For()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ConsentVersionRows.InsertAsync(db, Version("rows-unique-1"), guard: null, CancellationToken.None);

        var refused = await Record.ExceptionAsync(() => ConsentVersionRows.InsertAsync(db, Version("rows-unique-1"), guard: null, CancellationToken.None));

        Assert.True(refused is not null && IsUniqueViolation(refused), $"refused with {refused}");
    }

    private static ConsentVersion Version(string id) => new()
    {
        ResourceId = id,
        VersionId = 1,
        LastUpdatedTicks = 1,
        Method = "POST",
        ResourceJson = "{}",
        Status = "active",
        PatientNhsNumber = "9434765919",
        DateStart = 7,
        Tokens =
        [
            new ConsentSearchToken { Param = "policy", System = "urn:x", Code = "type-1" },
            new ConsentSearchToken { Param = "purpose", Code = "HOPERAT", Text = "care" },
        ],
        References = [new ConsentSearchReference { Param = "patient", IdentifierSystem = "https://fhir.nhs.uk/Id/nhs-number", IdentifierValue = "9434765919" }],
    };
}
