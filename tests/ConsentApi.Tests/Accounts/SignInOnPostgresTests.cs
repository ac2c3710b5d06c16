using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Accounts;

public sealed class SignInOnPostgresTests(PostgresApiFactory api) : SignInTests(api), IClassFixture<PostgresApiFactory>;
