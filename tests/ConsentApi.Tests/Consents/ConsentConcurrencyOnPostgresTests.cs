using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Consents;

public sealed class ConsentConcurrencyOnPostgresTests(PostgresApiFactory api) : ConsentConcurrencyTests(api), IClassFixture<PostgresApiFactory>;
