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
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!Names(configured, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
            if (!Names(configured, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
            {
                builder.AutoPrepareMinUsages = 2;
            }
        }

        if (!Names(configured, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>Whether the string as written sets any of the keywords (the general builder keeps keys as given, quoting handled).</summary>
    private static bool Names(string configured, params string[] keywords)
    {
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        return keywords.Any(written.ContainsKey);
    }
}
