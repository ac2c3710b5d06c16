using Npgsql;

namespace ConsentApi.Persistence;

/// <summary>
/// The connection string the registry's own database context uses on PostgreSQL (decision 26): the configured one, with
/// Npgsql's automatic preparation on and no reset when a connection goes back to the pool, unless the configuration
/// says otherwise. Without them every request's statements were parsed and planned again, and each connection's return
/// cost a DISCARD ALL, which also throws away anything prepared: at England scale that was a third of a read's cost.
/// The context keeps no session state that a reset would have cleared: its locks and settings are transaction-scoped.
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>Statements Npgsql keeps prepared on each physical connection.</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>Adds the registry's defaults to <paramref name="configured"/> where it does not set them itself.</summary>
    public static string ForRegistry(string configured)
    {
        // Which keys the string as written sets: the general builder keeps keys as given and handles quoting.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        bool Sets(params string[] keywords) => keywords.Any(written.ContainsKey);

        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!Sets("Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
            if (!Sets("Auto Prepare Min Usages", "AutoPrepareMinUsages"))
            {
                builder.AutoPrepareMinUsages = 2;
            }
        }

        if (!Sets("No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
