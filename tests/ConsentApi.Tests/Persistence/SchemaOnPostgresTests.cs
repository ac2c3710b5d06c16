using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Persistence;

public sealed class SchemaOnPostgresTests(PostgresApiFactory api) : SchemaTests(api), IClassFixture<PostgresApiFactory>;
