using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Decisions;

public sealed class EvaluateOnSqliteTests(SqliteApiFactory api) : EvaluateTests(api), IClassFixture<SqliteApiFactory>;
