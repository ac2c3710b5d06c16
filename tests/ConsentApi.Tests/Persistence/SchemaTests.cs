using System.Data.Common;
using ConsentApi.Persistence;
using ConsentApi.Population;
using ConsentApi.Tests.Support;
using FhirAdapters.Tests.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsentApi.Tests.Persistence;

public abstract class SchemaTests(ApiFactory api)
{
    private static readonly string[] Tables =
        ["consent_versions", "consent_search_tokens", "consent_search_references", "practices", "patient_registrations", "oidc_applications", "oidc_authorizations", "oidc_tokens"];

    [Theory]
    [InlineData("UPDATE consent_versions SET status = 'inactive'")]
    [InlineData("DELETE FROM consent_versions")]
    [InlineData("UPDATE consent_search_tokens SET code = 'x'")]
    [InlineData("DELETE FROM consent_search_references")]
    [InlineData("UPDATE patient_registrations SET sex = 'F'")]
    public async Task Database_WhenRowChangedInPlace_ThenRefused(string sql)
    {
        await api.CreateFhirClient().CreateAsync(new ConsentBuilder().Build());
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.PatientRegistrations.Add(new PatientRegistration { NhsNumber = 9434765919, PracticeOdsCode = "A81001", Sex = "F", BirthYear = 1980 });
        await db.SaveChangesAsync();

        var error = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(sql));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_WhenRunAgain_ThenNothingChanges()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();

        await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        var applied = await db.Database.SqlQueryRaw<string>("SELECT version AS \"Value\" FROM schema_migrations ORDER BY version").ToListAsync();

        var provider = api.Provider == PersistenceOptions.Postgres ? "postgres" : "sqlite";
        Assert.Equal(SchemaMigrator.Scripts(provider).Select(s => s.Version), applied);
    }

    [Fact]
    public async Task Migrate_WhenAppliedScriptWasEdited_ThenStartRefuses()
    {
        await using var db = api.CreateExtraDatabase("edited");
        await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await db.Database.ExecuteSqlRawAsync("UPDATE schema_migrations SET checksum = 'edited'");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None));

        Assert.Contains("was changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_WhenMigrated_ThenMatchesTheEfModel()
    {
        await using var migrated = api.CreateExtraDatabase("migrated");
        await new SchemaMigrator(migrated, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await using var fromModel = api.CreateExtraDatabase("model");
        await fromModel.Database.EnsureCreatedAsync();

        foreach (var table in Tables)
        {
            Assert.Equal(await DescribeAsync(fromModel, table), await DescribeAsync(migrated, table));
        }
    }

    private static async Task<string> DescribeAsync(RegistryDbContext db, string table)
    {
        List<string> rows;
        if (db.Database.IsNpgsql())
        {
            rows = await db.Database.SqlQuery<string>($"""
                SELECT column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '') || ' ' || is_nullable || ' ' || (is_identity) AS "Value"
                FROM information_schema.columns WHERE table_name = {table}
                UNION ALL
                SELECT indexname AS "Value" FROM pg_indexes WHERE tablename = {table}
                """).ToListAsync();
        }
        else
        {
            rows = await db.Database.SqlQuery<string>(
                $"SELECT name || ' ' || upper(type) || ' ' || \"notnull\" || ' ' || pk AS Value FROM pragma_table_info({table})").ToListAsync();
            rows.AddRange(await db.Database.SqlQuery<string>(
                $"SELECT name || ' ' || \"unique\" AS Value FROM pragma_index_list({table}) WHERE origin = 'c'").ToListAsync());
        }

        return string.Join("\n", rows.Order(StringComparer.Ordinal));
    }
}
