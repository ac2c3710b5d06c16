namespace FhirAdapters.Model;

/// <summary>FHIR Identifier: a business identifier such as an NHS number or ODS code.</summary>
public sealed class Identifier : DataType
{
    internal static readonly new FhirTypeInfo Info = new("Identifier", () => new Identifier(),
    [
        .. ElementMembers,
        Elements.Str<Identifier>("use", FhirPrimitiveType.Code, x => x.Use, (x, v) => x.Use = v,
            binding: RequiredBinding.Of("http://hl7.org/fhir/ValueSet/identifier-use", "usual", "official", "temp", "secondary", "old")),
        Elements.One<Identifier, CodeableConcept>("type", () => CodeableConcept.Info, x => x.Type, (x, v) => x.Type = v),
        Elements.Str<Identifier>("system", FhirPrimitiveType.Uri, x => x.System, (x, v) => x.System = v),
        Elements.Str<Identifier>("value", FhirPrimitiveType.String, x => x.Value, (x, v) => x.Value = v),
        Elements.One<Identifier, Period>("period", () => Period.Info, x => x.Period, (x, v) => x.Period = v),
        Elements.One<Identifier, Reference>("assigner", () => Reference.Info, x => x.Assigner, (x, v) => x.Assigner = v),
    ]);

    public Identifier()
    {
    }

    public Identifier(string system, string value)
    {
        System = system;
        Value = value;
    }

    public string? Use { get; set; }
    public CodeableConcept? Type { get; set; }
    public string? System { get; set; }
    public string? Value { get; set; }
    public Period? Period { get; set; }
    public Reference? Assigner { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
