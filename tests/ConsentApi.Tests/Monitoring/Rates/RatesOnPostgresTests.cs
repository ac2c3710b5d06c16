using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Monitoring.Rates;

public sealed class RatesOnPostgresTests(PostgresApiFactory api) : RatesTests(api), IClassFixture<PostgresApiFactory>;
