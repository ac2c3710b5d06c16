using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConsentApi.Persistence;

/// <summary>/health as JSON: the overall status and each check's status, what it found and how long it took (no exception details).</summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                milliseconds = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        }));
    }
}
