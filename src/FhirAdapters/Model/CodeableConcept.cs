namespace FhirAdapters.Model;

/// <summary>FHIR CodeableConcept: codings from one or more code systems, and text.</summary>
public sealed class CodeableConcept : DataType
{
    internal static readonly new FhirTypeInfo Info = new("CodeableConcept", () => new CodeableConcept(),
    [
        .. ElementMembers,
        Elements.Many<CodeableConcept, Coding>("coding", () => Model.Coding.Info, x => x.Coding, (x, v) => x.Coding = v),
        Elements.Str<CodeableConcept>("text", FhirPrimitiveType.String, x => x.Text, (x, v) => x.Text = v),
    ]);

    public CodeableConcept()
    {
    }

    public CodeableConcept(string system, string code, string? display = null)
    {
        Coding = [new Coding(system, code, display)];
    }

    public List<Coding>? Coding { get; set; }
    public string? Text { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
