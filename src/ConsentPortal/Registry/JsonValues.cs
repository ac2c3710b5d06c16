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

    /// <summary>
    /// A moment as people in England read it: the date in words and the time to the minute in UK time (GMT or BST), e.g.
    /// "4 December 2026, 14:05 UK time"; "–" when there is none.
    /// </summary>
    public static string When(this JsonElement e, string name) =>
        DateTimeOffset.TryParse(e.Text(name), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? UkTime(at) : "–";

    /// <summary>A day as people in England write it, "5 July 2026" (the value as given when it is not a yyyy-mm-dd day).</summary>
    public static string Day(this JsonElement e, string name) =>
        DateOnly.TryParseExact(e.Text(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : e.Text(name);

    public static string UkTime(DateTimeOffset at) =>
        (UkZone is { } zone ? TimeZoneInfo.ConvertTime(at, zone) : at.ToUniversalTime()).ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)
        + (UkZone is null ? " UTC" : " UK time");

    private static readonly TimeZoneInfo? UkZone = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var zone) ? zone : null;
}
