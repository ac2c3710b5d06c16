using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Subscriptions;

public sealed class SubscriptionOnPostgresTests(PostgresApiFactory api) : SubscriptionTests(api), IClassFixture<PostgresApiFactory>;
