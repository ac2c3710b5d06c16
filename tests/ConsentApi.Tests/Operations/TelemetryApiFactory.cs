using System.Diagnostics;
using ConsentApi.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace ConsentApi.Tests.Operations;

/// <summary>SQLite with the Prometheus scrape on and every finished span kept in memory, so a test can read what telemetry carries.</summary>
public sealed class TelemetryApiFactory : SqliteApiFactory
{
    public List<Activity> Spans { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Telemetry:PrometheusEnabled", "true");
        builder.UseSetting("Telemetry:Tracing", "true");
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
    }
}
