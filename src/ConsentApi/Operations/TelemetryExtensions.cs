using ConsentApi.Identity;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ConsentApi.Operations;

/// <summary>
/// OpenTelemetry for the registry: traces of every request, outgoing call (webhooks, JWKS), database command and
/// monitoring run; metrics from ASP.NET Core, HttpClient, the runtime and <see cref="RegistryMetrics"/>. Each is
/// collected only when something reads it (an OTLP endpoint; the scrape; <c>Telemetry:Tracing</c> for spans), so a
/// registry configured with neither pays nothing on its hot paths. Exported by
/// OTLP when <c>Telemetry:OtlpEndpoint</c> is set, and scraped at /metrics (administration scope) when
/// <c>Telemetry:PrometheusEnabled</c>. Request spans carry the route's template, never the path or query as sent: an NHS
/// number in a URL (a read by NHS number, a search by patient) must not reach a trace. Outgoing calls carry the host
/// only.
/// </summary>
public static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddRegistryTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RegistryMetrics>();
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = options.OtlpEndpoint is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService("consent-registry"));
        if (otlp is not null || options.Tracing)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(RegistryMetrics.Name, "Npgsql")
                    .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpResponse = (activity, response) => Redact(activity, response.HttpContext))
                    .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) =>
                        activity.SetTag("url.full", request.RequestUri is { } uri ? uri.GetLeftPart(UriPartial.Authority) : null));
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        }

        if (otlp is not null || options.PrometheusEnabled)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(RegistryMetrics.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }

                if (options.PrometheusEnabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        }

        return services;
    }

    /// <summary>/metrics for Prometheus, when enabled: a token with the administration scope, like the other administration endpoints.</summary>
    public static IEndpointRouteBuilder MapRegistryMetrics(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (options.PrometheusEnabled)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(AccessPolicies.Admin).ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>The span names the route template; the path and query as sent (which may hold an NHS number) are dropped.</summary>
    private static void Redact(System.Diagnostics.Activity activity, HttpContext context)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        activity.SetTag("url.path", route is null ? "(no route)" : "/" + route.TrimStart('/'));
        activity.SetTag("url.query", null);
    }
}
