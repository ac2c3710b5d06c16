using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Consents;

public sealed class PatientSearchOnPostgresTests(PostgresApiFactory api) : PatientSearchTests(api), IClassFixture<PostgresApiFactory>;
