namespace FhirAdapters.Model;

/// <summary>Consent.provision.data: specific resources the provision covers.</summary>
public sealed class ConsentProvisionData : BackboneElement
{
    internal static readonly RequiredBinding MeaningBinding = RequiredBinding.Of("http://hl7.org/fhir/ValueSet/consent-data-meaning",
        "instance", "related", "dependents", "authoredby");

    internal static readonly new FhirTypeInfo Info = new("Consent.provision.data", () => new ConsentProvisionData(),
    [
        .. BackboneMembers,
        Elements.Str<ConsentProvisionData>("meaning", FhirPrimitiveType.Code, x => x.Meaning, (x, v) => x.Meaning = v, min: 1,
            binding: MeaningBinding),
        Elements.One<ConsentProvisionData, Reference>("reference", () => Model.Reference.Info, x => x.Reference, (x, v) => x.Reference = v, min: 1),
    ]);

    /// <summary>instance | related | dependents | authoredby.</summary>
    public string? Meaning { get; set; }
    public Reference? Reference { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
