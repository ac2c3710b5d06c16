namespace FhirAdapters.Model;

/// <summary>FHIR Quantity: a measured amount; the value keeps its exact decimal text.</summary>
public sealed class Quantity : DataType
{
    internal static readonly new FhirTypeInfo Info = new("Quantity", () => new Quantity(),
    [
        .. ElementMembers,
        Elements.Str<Quantity>("value", FhirPrimitiveType.Decimal, x => x.Value, (x, v) => x.Value = v),
        Elements.Str<Quantity>("comparator", FhirPrimitiveType.Code, x => x.Comparator, (x, v) => x.Comparator = v,
            binding: RequiredBinding.Of("http://hl7.org/fhir/ValueSet/quantity-comparator", "<", "<=", ">=", ">")),
        Elements.Str<Quantity>("unit", FhirPrimitiveType.String, x => x.Unit, (x, v) => x.Unit = v),
        Elements.Str<Quantity>("system", FhirPrimitiveType.Uri, x => x.System, (x, v) => x.System = v),
        Elements.Str<Quantity>("code", FhirPrimitiveType.Code, x => x.Code, (x, v) => x.Code = v),
    ]);

    /// <summary>The decimal value in its exact lexical form, e.g. <c>1.50</c>.</summary>
    public string? Value { get; set; }
    public string? Comparator { get; set; }
    public string? Unit { get; set; }
    public string? System { get; set; }
    public string? Code { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
