using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Synthetic;

public sealed class GeneratorOnSqliteTests(SqliteApiFactory api) : GeneratorTests(api), IClassFixture<SqliteApiFactory>;
