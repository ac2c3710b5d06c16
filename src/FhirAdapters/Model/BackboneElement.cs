namespace FhirAdapters.Model;

/// <summary>FHIR BackboneElement: an element defined inside a resource, which may carry modifier extensions.</summary>
public abstract class BackboneElement : Element
{
    internal static readonly ElementInfo[] BackboneMembers =
    [
        .. ElementMembers,
        Elements.Many<BackboneElement, Extension>("modifierExtension", () => Model.Extension.Info,
            x => x.ModifierExtension, (x, v) => x.ModifierExtension = v),
    ];

    public List<Extension>? ModifierExtension { get; set; }
}
