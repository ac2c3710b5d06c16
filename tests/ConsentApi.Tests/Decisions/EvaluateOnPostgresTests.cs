using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Decisions;

public sealed class EvaluateOnPostgresTests(PostgresApiFactory api) : EvaluateTests(api), IClassFixture<PostgresApiFactory>;
