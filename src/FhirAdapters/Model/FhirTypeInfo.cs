namespace FhirAdapters.Model;

/// <summary>The element table of one FHIR type (resource, data type or backbone element).</summary>
internal sealed class FhirTypeInfo
{
    private readonly Dictionary<string, ElementInfo> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ElementInfo Element, ChoiceOption Option)> _byChoiceName = new(StringComparer.Ordinal);

    public FhirTypeInfo(string name, Func<Base> factory, IEnumerable<ElementInfo> elements, bool isResource = false)
    {
        Name = name;
        Factory = factory;
        IsResource = isResource;
        Elements = elements.ToArray();
        foreach (var element in Elements)
        {
            if (element.Kind == ElementKind.Choice)
            {
                foreach (var option in element.Choices!)
                {
                    _byChoiceName.Add(element.ChoiceName(option), (element, option));
                }
            }
            else
            {
                _byName.Add(element.Name, element);
            }
        }
    }

    public string Name { get; }
    public Func<Base> Factory { get; }
    public bool IsResource { get; }
    public IReadOnlyList<ElementInfo> Elements { get; }

    public bool TryGetElement(string jsonName, out ElementInfo element, out ChoiceOption? option)
    {
        if (_byName.TryGetValue(jsonName, out element!))
        {
            option = null;
            return true;
        }

        if (_byChoiceName.TryGetValue(jsonName, out var choice))
        {
            element = choice.Element;
            option = choice.Option;
            return true;
        }

        option = null;
        return false;
    }

    /// <summary>Whether a choice element of this type uses <paramref name="jsonName"/> (for messages).</summary>
    public ElementInfo? FindChoiceByPrefix(string jsonName) =>
        Elements.FirstOrDefault(e => e.Kind == ElementKind.Choice && jsonName.StartsWith(e.Name, StringComparison.Ordinal)
            && jsonName.Length > e.Name.Length && char.IsUpper(jsonName[e.Name.Length]));
}
