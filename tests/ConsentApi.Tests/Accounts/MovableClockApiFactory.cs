using ConsentApi.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Accounts;

/// <summary>
/// SQLite with a registry clock a test can move forward, and a sign-in limited to one hour while each refresh token
/// lives a day: moving the clock two hours passes the sign-in's limit and nothing else.
/// </summary>
public sealed class MovableClockApiFactory : SqliteApiFactory
{
    public MovableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:SessionHours", "1");
        builder.UseSetting("Auth:RefreshTokenMinutes", "1440");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>The system's time plus however far a test has moved it.</summary>
    public sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }
}
