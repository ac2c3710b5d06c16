using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Persistence;

public sealed class HealthOnPostgresTests(PostgresApiFactory api) : HealthTests(api), IClassFixture<PostgresApiFactory>;
