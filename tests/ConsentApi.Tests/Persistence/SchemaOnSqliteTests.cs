using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Persistence;

public sealed class SchemaOnSqliteTests(SqliteApiFactory api) : SchemaTests(api), IClassFixture<SqliteApiFactory>;
