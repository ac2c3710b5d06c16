using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConsentApi.Persistence;

/// <summary>Healthy when the database answers a query on the Consent table.</summary>
public sealed class DatabaseHealthCheck(RegistryDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var schema = await db.Database.SqlQuery<string>($"SELECT max(version) AS \"Value\" FROM schema_migrations").SingleAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Database answers; schema version {schema}.");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database did not answer.", ex);
        }
    }
}
