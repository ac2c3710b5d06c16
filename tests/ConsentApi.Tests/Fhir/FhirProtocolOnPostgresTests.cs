using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Fhir;

public sealed class FhirProtocolOnPostgresTests(PostgresApiFactory api) : FhirProtocolTests(api), IClassFixture<PostgresApiFactory>;
