using Hl7.Fhir.Model;

namespace FhirAdapters.Primitives;

/// <summary>Logical references by identifier, as the registry names people (NHS number) and organisations (ODS code).</summary>
public static class FhirReferences
{
    /// <summary>A logical reference by identifier, with the target type.</summary>
    public static ResourceReference ToIdentifier(string type, string system, string value, string? display = null) =>
        new() { Type = type, Identifier = new Identifier(system, value), Display = display };
}
