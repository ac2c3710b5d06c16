using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Consents;

public sealed class PatientSearchOnSqliteTests(SqliteApiFactory api) : PatientSearchTests(api), IClassFixture<SqliteApiFactory>;
