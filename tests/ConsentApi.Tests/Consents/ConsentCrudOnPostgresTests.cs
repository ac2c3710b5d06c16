using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Consents;

public sealed class ConsentCrudOnPostgresTests(PostgresApiFactory api) : ConsentCrudTests(api), IClassFixture<PostgresApiFactory>;
