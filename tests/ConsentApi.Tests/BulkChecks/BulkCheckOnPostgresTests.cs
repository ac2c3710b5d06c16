using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.BulkChecks;

public sealed class BulkCheckOnPostgresTests(PostgresApiFactory api) : BulkCheckTests(api), IClassFixture<PostgresApiFactory>;
