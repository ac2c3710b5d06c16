using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsentApi.Monitoring;

/// <summary>The JSON shape of the monitoring API and webhook: camelCase, nulls left out.</summary>
public static class MonitoringJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
