namespace FhirAdapters.Model;

/// <summary>
/// A primitive value in a choice element (<c>valueString</c>, <c>valueBoolean</c>...). The value is kept in its
/// exact JSON lexical form so decimals such as <c>1.50</c> round-trip unchanged; the inherited id and extensions
/// are the JSON <c>_valueString</c> sibling.
/// </summary>
public sealed class FhirPrimitive : DataType
{
    internal static readonly FhirTypeInfo PrimitiveInfo = new("primitive", () => new FhirPrimitive(FhirPrimitiveType.String, null), ElementMembers);

    public FhirPrimitive(FhirPrimitiveType type, string? value)
    {
        Type = type;
        Value = value;
    }

    public FhirPrimitiveType Type { get; }

    /// <summary>The lexical value: <c>true</c>/<c>false</c> for booleans, the number text for numbers.</summary>
    public string? Value { get; set; }

    internal override FhirTypeInfo TypeInfo => PrimitiveInfo;

    public static FhirPrimitive String(string value) => new(FhirPrimitiveType.String, value);

    public static FhirPrimitive Code(string value) => new(FhirPrimitiveType.Code, value);

    public static FhirPrimitive Boolean(bool value) => new(FhirPrimitiveType.Boolean, value ? "true" : "false");
}
