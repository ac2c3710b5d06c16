using Hangfire.Storage;
using Hangfire.Storage.SQLite;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>Hangfire's SQLite storage, handing out one shared monitoring API instead of a new connection per call (see <see cref="SerializedMonitoringApi"/>).</summary>
public sealed class SqliteJobStorage : SQLiteStorage
{
    private readonly Lazy<IMonitoringApi> _monitoring;

    public SqliteJobStorage(string databasePath, SQLiteStorageOptions options)
        : base(databasePath, options) =>
        _monitoring = new Lazy<IMonitoringApi>(() => new SerializedMonitoringApi(base.GetMonitoringApi()));

    public override IMonitoringApi GetMonitoringApi() => _monitoring.Value;
}
