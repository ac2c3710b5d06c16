using ConsentApi.Persistence;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// Hangfire for the registry's background work (decision 15). Its storage follows the registry's provider: a SQLite file
/// beside the registry's database on the embedded default, the `hangfire` schema of the registry's database on
/// PostgreSQL. Storage, activator and filters are the host's own services, not Hangfire's static globals, so several
/// hosts in one process (the tests) never share them.
/// </summary>
public static class BackgroundJobsExtensions
{
    /// <summary>The Hangfire schema in the registry's PostgreSQL database.</summary>
    public const string PostgresSchema = "hangfire";

    public static IServiceCollection AddRegistryBackgroundJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<JobStorage>(CreateStorage);
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IJobFilterProvider, JobRetryFilters>();
        services.AddHangfire((sp, config) => config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings().UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        services.AddScoped<JobRuns>();
        services.AddScoped<JobQueue>();
        services.AddScoped<MonitoringJobs>();
        services.AddScoped<Identity.TokenServer.TokenStorePruning>();
        if (configuration.GetValue(MonitoringOptions.Section + ":" + nameof(MonitoringOptions.JobsEnabled), true))
        {
            services.AddHostedService<RecurringJobsSchedule>();
            services.AddHangfireServer((sp, server) =>
            {
                var settings = sp.GetRequiredService<IOptions<MonitoringOptions>>().Value;
                server.ServerName = settings.Node;
                server.WorkerCount = settings.Workers;
                server.SchedulePollingInterval = TimeSpan.FromSeconds(settings.PollSeconds);
                server.ShutdownTimeout = TimeSpan.FromSeconds(15);
            });
        }

        return services;
    }

    /// <summary>Where Hangfire keeps its jobs on SQLite: a file beside the registry's database (its own writer, its own locks).</summary>
    public static string SqliteJobsFile(PersistenceOptions persistence, string contentRoot)
    {
        var registry = new SqliteConnectionStringBuilder(PersistenceExtensions.SqliteConnectionString(persistence, contentRoot)).DataSource;
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(registry))!, Path.GetFileNameWithoutExtension(registry) + "-jobs.db");
    }

    private static JobStorage CreateStorage(IServiceProvider services)
    {
        var persistence = services.GetRequiredService<IOptions<PersistenceOptions>>().Value;
        var settings = services.GetRequiredService<IOptions<MonitoringOptions>>().Value;
        if (persistence.IsPostgres)
        {
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = PostgresSchema,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromSeconds(settings.PollSeconds),
                InvisibilityTimeout = TimeSpan.FromSeconds(settings.StaleAfterSeconds),
                UseSlidingInvisibilityTimeout = true,
                // A lock held by an instance that died is taken over after this long (PostgreSQL locks have no heartbeat).
                DistributedLockTimeout = TimeSpan.FromSeconds(settings.StaleAfterSeconds),
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(persistence.ConnectionString!, options), options);
        }

        var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return new SqliteJobStorage(PrivateFiles.DatabaseFile(SqliteJobsFile(persistence, contentRoot)), new SQLiteStorageOptions
        {
            QueuePollInterval = TimeSpan.FromSeconds(settings.PollSeconds),
            InvisibilityTimeout = TimeSpan.FromSeconds(settings.StaleAfterSeconds),
        });
    }
}
