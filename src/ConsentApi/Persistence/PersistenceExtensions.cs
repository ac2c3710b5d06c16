using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Persistence;

public static class PersistenceExtensions
{
    public static IServiceCollection AddRegistryPersistence(this IServiceCollection services)
    {
        services.AddOptions<PersistenceOptions>().BindConfiguration(PersistenceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDbContextPool<RegistryDbContext>((sp, options) =>
        {
            var settings = sp.GetRequiredService<IOptions<PersistenceOptions>>().Value;
            if (settings.IsPostgres)
            {
                options.UseNpgsql(PostgresConnectionString.ForRegistry(settings.ConnectionString!));
                return;
            }

            var environment = sp.GetRequiredService<IHostEnvironment>();
            options.UseSqlite(SqliteConnectionString(settings, environment.ContentRootPath));
            options.AddInterceptors(new SqlitePragmaInterceptor(), new SqliteWriteGateInterceptor());
        });

        // The options are built once and contexts are pooled (bench/profile.sh): rebuilding the options per request (the
        // connection string, the data folder's permissions) took 8% of a search's CPU, and a new context with its
        // internal services another 10% once the search was one statement. The database file is made 0600 before SQLite
        // first opens it (PrivateFiles.DatabaseFile); files an earlier version left wider are narrowed at start-up.
        services.AddScoped<SchemaMigrator>();
        return services;
    }

    /// <summary>The configured connection string, or a file in the data folder (created if missing).</summary>
    public static string SqliteConnectionString(PersistenceOptions settings, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            return settings.ConnectionString;
        }

        var folder = PrivateFiles.Folder(settings.DataFolder(contentRoot));
        PrivateFiles.NarrowFiles(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = PrivateFiles.DatabaseFile(Path.Combine(folder, "consent-registry.db")),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Applies pending schema scripts before the application starts serving.</summary>
    public static async Task MigrateRegistryDatabaseAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<PersistenceOptions>>().Value.MigrateOnStartup)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);

        // A SQLite file made just now has the process's default mode: narrow it (its -wal and -shm take its mode).
        PrivateFiles.NarrowFiles(app.Services.GetRequiredService<IOptions<PersistenceOptions>>().Value.DataFolder(app.Environment.ContentRootPath));
    }
}
