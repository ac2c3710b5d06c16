using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Monitoring;

public sealed class ListSizeImportOnPostgresTests(PostgresApiFactory api) : ListSizeImportTests(api), IClassFixture<PostgresApiFactory>;
