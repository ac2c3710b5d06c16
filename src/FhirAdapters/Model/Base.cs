namespace FhirAdapters.Model;

/// <summary>
/// The root of every FHIR model object. Holds the <c>_element</c> siblings of primitive elements (their id and
/// extensions), so that a primitive property stays a plain <see cref="string"/> or <see cref="bool"/>.
/// </summary>
public abstract class Base
{
    private Dictionary<string, List<Element?>>? _primitiveSiblings;

    internal abstract FhirTypeInfo TypeInfo { get; }

    /// <summary>The FHIR type name, e.g. <c>Consent</c> or <c>CodeableConcept</c>.</summary>
    public string FhirTypeName => TypeInfo.Name;

    /// <summary>The id/extensions of a single-valued primitive element (JSON <c>_name</c>), if any.</summary>
    public Element? GetPrimitiveExtension(string elementName) =>
        _primitiveSiblings is not null && _primitiveSiblings.TryGetValue(elementName, out var list) && list.Count > 0
            ? list[0]
            : null;

    /// <summary>Sets or clears the id/extensions of a single-valued primitive element (JSON <c>_name</c>).</summary>
    public void SetPrimitiveExtension(string elementName, Element? value)
    {
        if (value is null)
        {
            _primitiveSiblings?.Remove(elementName);
            return;
        }

        _primitiveSiblings ??= new Dictionary<string, List<Element?>>(StringComparer.Ordinal);
        _primitiveSiblings[elementName] = [value];
    }

    internal List<Element?>? GetSiblings(string elementName) =>
        _primitiveSiblings is not null && _primitiveSiblings.TryGetValue(elementName, out var list) ? list : null;

    internal void SetSiblings(string elementName, List<Element?> siblings)
    {
        _primitiveSiblings ??= new Dictionary<string, List<Element?>>(StringComparer.Ordinal);
        _primitiveSiblings[elementName] = siblings;
    }
}
