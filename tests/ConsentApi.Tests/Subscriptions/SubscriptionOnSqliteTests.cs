using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Subscriptions;

public sealed class SubscriptionOnSqliteTests(SqliteApiFactory api) : SubscriptionTests(api), IClassFixture<SqliteApiFactory>;
