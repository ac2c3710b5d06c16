using System.Globalization;

namespace ConsentApi.Synthetic;

/// <summary>An anomaly to inject: a practice spike, a national surge, or a supplier-fault drop.</summary>
public sealed record AnomalySpec(string Kind, string? Practice, int Week, double Size)
{
    public static AnomalySpec Parse(string kind, string value)
    {
        var parts = value.Split(':');
        int Int(string text, string what) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"--{kind} {value}: {what} must be a whole number, not '{text}'.");
        return kind switch
        {
            "surge" when parts.Length == 2 => new AnomalySpec(kind, null, Int(parts[0], "the week"),
                double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 1
                    ? f
                    : throw new ArgumentException($"--surge {value}: the factor must be a number above 1.")),
            "spike" or "drop" when parts.Length == 3 => new AnomalySpec(kind, parts[0], Int(parts[1], "the week"), Int(parts[2], "the size")),
            _ => throw new ArgumentException(kind == "surge" ? $"--surge takes WEEK:FACTOR, not '{value}'." : $"--{kind} takes PRACTICE:WEEK:N, not '{value}'."),
        };
    }
}
