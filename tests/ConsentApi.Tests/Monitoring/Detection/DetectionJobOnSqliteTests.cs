using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Monitoring.Detection;

public sealed class DetectionJobOnSqliteTests(SqliteApiFactory api) : DetectionJobTests(api), IClassFixture<SqliteApiFactory>;
