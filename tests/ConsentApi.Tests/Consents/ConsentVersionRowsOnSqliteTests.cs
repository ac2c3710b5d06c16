using ConsentApi.Consents;
using ConsentApi.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ConsentApi.Tests.Consents;

public sealed class ConsentVersionRowsOnSqliteTests(SqliteApiFactory api) : ConsentVersionRowsTests(api), IClassFixture<SqliteApiFactory>
{
    protected override bool IsUniqueViolation(Exception refused) =>
        refused is SqliteException { SqliteExtendedErrorCode: ConsentStore.SqliteUniqueViolation };
}
