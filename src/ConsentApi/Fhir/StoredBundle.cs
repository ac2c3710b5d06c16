using Hl7.Fhir.Model;

namespace ConsentApi.Fhir;

/// <summary>
/// A searchset or history Bundle whose entries hold stored resources as their canonical JSON. <see cref="Stored"/>
/// has one item per entry: the stored JSON, or null where the entry's own Resource (or none) is written.
/// </summary>
public sealed record StoredBundle(Bundle Envelope, IReadOnlyList<string?> Stored);
