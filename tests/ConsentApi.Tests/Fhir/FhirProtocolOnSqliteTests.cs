using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Fhir;

public sealed class FhirProtocolOnSqliteTests(SqliteApiFactory api) : FhirProtocolTests(api), IClassFixture<SqliteApiFactory>;
