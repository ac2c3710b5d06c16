using System.Globalization;

namespace ConsentApi.Proxies;

/// <summary>A proxy relationship as its parties and staff see it.</summary>
public sealed record ProxyView(string Id, int Version, string ProxyNhsNumber, string SubjectNhsNumber, string Kind, string Status,
    string Start, string? End, string? Evidence, string ChangedBy, DateTimeOffset Recorded)
{
    public static ProxyView From(ProxyRelationship p) => new(p.Id, p.Version, p.ProxyNhsNumber, p.SubjectNhsNumber, p.Kind, p.Status,
        Day(p.StartTicks), p.EndTicks is { } end ? Day(end) : null, p.Evidence, p.ChangedBy, new DateTimeOffset(p.RecordedTicks, TimeSpan.Zero));

    private static string Day(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
