using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Consents;

public sealed class ConsentSearchOnPostgresTests(PostgresApiFactory api) : ConsentSearchTests(api), IClassFixture<PostgresApiFactory>;
