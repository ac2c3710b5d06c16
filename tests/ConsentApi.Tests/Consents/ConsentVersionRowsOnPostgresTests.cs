using ConsentApi.Tests.Support;
using Npgsql;

namespace ConsentApi.Tests.Consents;

public sealed class ConsentVersionRowsOnPostgresTests(PostgresApiFactory api) : ConsentVersionRowsTests(api), IClassFixture<PostgresApiFactory>
{
    protected override bool IsUniqueViolation(Exception refused) => refused is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
