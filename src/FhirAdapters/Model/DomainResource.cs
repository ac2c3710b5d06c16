namespace FhirAdapters.Model;

/// <summary>FHIR DomainResource: narrative, contained resources and extensions.</summary>
public abstract class DomainResource : Resource
{
    internal static readonly ElementInfo[] DomainMembers =
    [
        .. ResourceMembers,
        Elements.One<DomainResource, Narrative>("text", () => Narrative.Info, x => x.Text, (x, v) => x.Text = v),
        Elements.ManyResources<DomainResource>("contained", x => x.Contained, (x, v) => x.Contained = v),
        Elements.Many<DomainResource, Extension>("extension", () => Model.Extension.Info, x => x.Extension, (x, v) => x.Extension = v),
        Elements.Many<DomainResource, Extension>("modifierExtension", () => Model.Extension.Info,
            x => x.ModifierExtension, (x, v) => x.ModifierExtension = v),
    ];

    public Narrative? Text { get; set; }
    public List<Resource>? Contained { get; set; }
    public List<Extension>? Extension { get; set; }
    public List<Extension>? ModifierExtension { get; set; }
}
