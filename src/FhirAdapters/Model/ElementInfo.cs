using System.Collections;

namespace FhirAdapters.Model;

/// <summary>
/// What the model knows about one element of a FHIR type: its JSON name, kind, cardinality, binding and how to
/// get and set it. The reader, writer and structural validator all work from this one table.
/// </summary>
internal sealed class ElementInfo
{
    public required string Name { get; init; }
    public required ElementKind Kind { get; init; }
    public FhirPrimitiveType Primitive { get; init; }
    public Func<FhirTypeInfo>? ComplexType { get; init; }
    public IReadOnlyList<ChoiceOption>? Choices { get; init; }
    public bool IsList { get; init; }
    public int Min { get; init; }

    /// <summary>False for the few primitives that have no <c>_name</c> sibling in JSON (ids, xhtml).</summary>
    public bool AllowsSibling { get; init; } = true;

    public RequiredBinding? Binding { get; init; }
    public required Func<Base, object?> Get { get; init; }
    public required Action<Base, object?> Set { get; init; }
    public Func<IList>? NewList { get; init; }

    /// <summary>The JSON name used for a choice element's type: <c>source</c> + <c>Reference</c>.</summary>
    public string ChoiceName(ChoiceOption option) => Name + option.Suffix;
}
