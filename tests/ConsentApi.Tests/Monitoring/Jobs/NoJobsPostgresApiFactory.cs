using ConsentApi.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace ConsentApi.Tests.Monitoring.Jobs;

/// <summary>PostgreSQL with no Hangfire server, so a test drives the job steps itself and nothing races it.</summary>
public sealed class NoJobsPostgresApiFactory : PostgresApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Monitoring:JobsEnabled", "false");
    }
}
