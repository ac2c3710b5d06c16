using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Population;

public sealed class RegistrationFeedOnPostgresTests(PostgresApiFactory api) : RegistrationFeedTests(api), IClassFixture<PostgresApiFactory>;
