using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Population;

public sealed class RegistrationFeedOnSqliteTests(SqliteApiFactory api) : RegistrationFeedTests(api), IClassFixture<SqliteApiFactory>;
