using ConsentApi.Persistence;
using Npgsql;

namespace ConsentApi.Tests.Persistence;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void ForRegistry_WhenNothingIsSaidAboutPreparing_ThenAutoPrepareOnAndNoResetOnClose()
    {
        var registry = new NpgsqlConnectionStringBuilder(PostgresConnectionString.ForRegistry("Host=db;Database=registry;Username=app"));

        Assert.Equal(PostgresConnectionString.MaxAutoPrepare, registry.MaxAutoPrepare);
        Assert.Equal(2, registry.AutoPrepareMinUsages);
        Assert.True(registry.NoResetOnClose);
        Assert.Equal("db", registry.Host);
        Assert.Equal("registry", registry.Database);
    }

    [Fact]
    public void ForRegistry_WhenTheConfigurationSetsThem_ThenItsValuesStand()
    {
        var registry = new NpgsqlConnectionStringBuilder(PostgresConnectionString.ForRegistry(
            "Host=db;Database=registry;Max Auto Prepare=0;no reset on close=false"));

        Assert.Equal(0, registry.MaxAutoPrepare);
        Assert.False(registry.NoResetOnClose);
    }

    [Fact]
    public void ForRegistry_WhenAQuotedValueHoldsAKeyword_ThenOnlyRealKeysCount()
    {
        var registry = new NpgsqlConnectionStringBuilder(PostgresConnectionString.ForRegistry(
            "Host=db;Database=registry;Password=\"x;No Reset On Close=false\""));

        Assert.True(registry.NoResetOnClose);
        Assert.Equal("x;No Reset On Close=false", registry.Password);
    }
}
