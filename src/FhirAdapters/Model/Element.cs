namespace FhirAdapters.Model;

/// <summary>FHIR Element: the base of every data type, with an id and extensions.</summary>
public class Element : Base
{
    internal static readonly ElementInfo[] ElementMembers =
    [
        Elements.Str<Element>("id", FhirPrimitiveType.String, x => x.ElementId, (x, v) => x.ElementId = v, sibling: false),
        Elements.Many<Element, Extension>("extension", () => Model.Extension.Info, x => x.Extension, (x, v) => x.Extension = v),
    ];

    internal static readonly FhirTypeInfo Info = new("Element", () => new Element(), ElementMembers);

    /// <summary>The element's id (JSON <c>id</c>), for internal references within a resource.</summary>
    public string? ElementId { get; set; }

    public List<Extension>? Extension { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
