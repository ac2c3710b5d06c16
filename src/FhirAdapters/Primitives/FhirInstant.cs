using Hl7.Fhir.Model;

namespace FhirAdapters.Primitives;

/// <summary>Instants as the registry writes them: UTC, to the millisecond, with a Z (the SDK would write +00:00).</summary>
public static class FhirInstant
{
    public static Instant Element(DateTimeOffset when) => new() { JsonValue = FhirDateRange.FormatInstant(when) };
}
