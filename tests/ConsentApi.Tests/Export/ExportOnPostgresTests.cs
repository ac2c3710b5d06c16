using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Export;

public sealed class ExportOnPostgresTests(PostgresApiFactory api) : ExportTests(api), IClassFixture<PostgresApiFactory>;
