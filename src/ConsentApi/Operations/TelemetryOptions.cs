using System.ComponentModel.DataAnnotations;

namespace ConsentApi.Operations;

/// <summary>Where metrics and traces go (section "Telemetry"). Off unless configured: nothing is exported by default.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>An OTLP collector (e.g. http://otel-collector:4317): traces and metrics are sent there when set.</summary>
    [Url]
    public string? OtlpEndpoint { get; set; }

    /// <summary>Serve Prometheus's scrape at /metrics, to a token with the administration scope only.</summary>
    public bool PrometheusEnabled { get; set; }

    /// <summary>
    /// Record spans even with no OTLP endpoint (for an exporter added in code, as the tests do). With neither, no span is
    /// made at all, so the decision hot path pays nothing for tracing nobody reads.
    /// </summary>
    public bool Tracing { get; set; }
}
