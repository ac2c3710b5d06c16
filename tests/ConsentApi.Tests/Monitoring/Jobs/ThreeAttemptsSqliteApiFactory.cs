using ConsentApi.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace ConsentApi.Tests.Monitoring.Jobs;

/// <summary>SQLite with Hangfire running jobs, three attempts per run and no wait between them.</summary>
public sealed class ThreeAttemptsSqliteApiFactory : SqliteApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Monitoring:MaxAttempts", "3");
        builder.UseSetting("Monitoring:RetryBaseSeconds", "0");
    }
}
