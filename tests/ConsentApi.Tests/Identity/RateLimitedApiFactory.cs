using ConsentApi.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace ConsentApi.Tests.Identity;

/// <summary>The API with a tiny rate limit (one request a second, bursts of five), so the limit is reached at once.</summary>
public sealed class RateLimitedApiFactory : SqliteApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:RatePerSecond", "1");
        builder.UseSetting("Auth:RateBurst", "5");
    }
}
