using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Persistence;

public sealed class HealthOnSqliteTests(SqliteApiFactory api) : HealthTests(api), IClassFixture<SqliteApiFactory>;
