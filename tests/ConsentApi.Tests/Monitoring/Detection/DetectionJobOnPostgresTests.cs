using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Monitoring.Detection;

public sealed class DetectionJobOnPostgresTests(PostgresApiFactory api) : DetectionJobTests(api), IClassFixture<PostgresApiFactory>;
