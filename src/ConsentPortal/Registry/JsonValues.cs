using System.Globalization;
using System.Text.Json;

namespace ConsentPortal.Registry;

/// <summary>Reading the registry's JSON in pages: a missing or null value reads as empty, numbers format the British way.</summary>
public static class JsonValues
{
    public static string Text(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() ?? "",
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            _ => "",
        } : "";

    public static double? Number(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    public static JsonElement Child(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    public static IEnumerable<JsonElement> Items(this JsonElement e, string name) =>
        e.Child(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static string Count(this JsonElement e, string name) => e.Number(name) is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : "–";

    public static string Percent(this JsonElement e, string name) => e.Number(name) is { } n ? n.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "no list size";

    public static string When(this JsonElement e, string name) =>
        DateTimeOffset.TryParse(e.Text(name), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at.ToString("d MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) : "–";
}
