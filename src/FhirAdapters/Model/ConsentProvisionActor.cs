namespace FhirAdapters.Model;

/// <summary>Consent.provision.actor: who the provision applies to, in what role.</summary>
public sealed class ConsentProvisionActor : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("Consent.provision.actor", () => new ConsentProvisionActor(),
    [
        .. BackboneMembers,
        Elements.One<ConsentProvisionActor, CodeableConcept>("role", () => CodeableConcept.Info, x => x.Role, (x, v) => x.Role = v, min: 1),
        Elements.One<ConsentProvisionActor, Reference>("reference", () => Model.Reference.Info, x => x.Reference, (x, v) => x.Reference = v, min: 1),
    ]);

    public CodeableConcept? Role { get; set; }
    public Reference? Reference { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
