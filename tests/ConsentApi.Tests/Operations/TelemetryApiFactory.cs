using System.Diagnostics;
using ConsentApi.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace ConsentApi.Tests.Operations;

/// <summary>SQLite with the Prometheus scrape on and every finished span kept in memory, so a test can read what telemetry carries.</summary>
public sealed class TelemetryApiFactory : SqliteApiFactory
{
    private readonly List<Activity> spans = [];

    /// <summary>The spans exported so far, copied under the exporter's lock (the exporter adds from its own thread).</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (spans)
            {
                return [.. spans];
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Telemetry:PrometheusEnabled", "true");
        builder.UseSetting("Telemetry:Tracing", "true");
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new LockedCollection(spans))));
    }

    /// <summary>The span list behind a lock, so a test can copy it while the exporter adds.</summary>
    private sealed class LockedCollection(List<Activity> inner) : System.Collections.ObjectModel.Collection<Activity>(inner)
    {
        protected override void InsertItem(int index, Activity item)
        {
            lock (inner)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
