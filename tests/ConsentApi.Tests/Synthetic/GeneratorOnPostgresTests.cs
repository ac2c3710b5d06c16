using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Synthetic;

public sealed class GeneratorOnPostgresTests(PostgresApiFactory api) : GeneratorTests(api), IClassFixture<PostgresApiFactory>;
