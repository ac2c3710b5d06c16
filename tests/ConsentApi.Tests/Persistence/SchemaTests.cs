using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using FhirAdapters.Tests.Builders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsentApi.Tests.Persistence;

public class SchemaTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("UPDATE consent_versions SET status = 'inactive'")]
    [InlineData("DELETE FROM consent_versions")]
    [InlineData("UPDATE consent_search_tokens SET code = 'x'")]
    [InlineData("DELETE FROM consent_search_references")]
    public async Task Database_WhenRowChangedInPlace_ThenRefused(string sql)
    {
        await api.CreateFhirClient().CreateAsync(new ConsentBuilder().Build());
        await using var connection = new SqliteConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;

        var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_WhenRunAgain_ThenNothingChanges()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<SchemaMigrator>();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();

        await migrator.MigrateAsync(CancellationToken.None);
        var applied = await db.Database.SqlQueryRaw<string>("SELECT version AS Value FROM schema_migrations").ToListAsync();

        Assert.Equal(SchemaMigrator.Scripts("sqlite").Select(s => s.Version), applied);
    }

    [Fact]
    public async Task Migrate_WhenAppliedScriptWasEdited_ThenStartRefuses()
    {
        var path = Path.Combine(api.DataDirectory, "edited.db");
        await using var db = NewContext(path);
        await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await db.Database.ExecuteSqlRawAsync("UPDATE schema_migrations SET checksum = 'edited'");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None));

        Assert.Contains("was changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_WhenMigrated_ThenMatchesTheEfModel()
    {
        await using var migrated = NewContext(Path.Combine(api.DataDirectory, "migrated.db"));
        await new SchemaMigrator(migrated, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await using var fromModel = NewContext(Path.Combine(api.DataDirectory, "model.db"));
        await fromModel.Database.EnsureCreatedAsync();

        foreach (var table in new[] { "consent_versions", "consent_search_tokens", "consent_search_references" })
        {
            Assert.Equal(await DescribeAsync(fromModel, table), await DescribeAsync(migrated, table));
        }
    }

    private static RegistryDbContext NewContext(string path) =>
        new(new DbContextOptionsBuilder<RegistryDbContext>().UseSqlite($"Data Source={path}").Options);

    private static async Task<string> DescribeAsync(RegistryDbContext db, string table)
    {
        var columns = await db.Database.SqlQuery<string>(
            $"SELECT name || ' ' || upper(type) || ' ' || \"notnull\" || ' ' || pk AS Value FROM pragma_table_info({table}) ORDER BY name").ToListAsync();
        var indexes = await db.Database.SqlQuery<string>(
            $"SELECT name || ' ' || \"unique\" AS Value FROM pragma_index_list({table}) WHERE origin = 'c' ORDER BY name").ToListAsync();
        return string.Join("\n", columns.Concat(indexes));
    }
}
