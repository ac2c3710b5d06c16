namespace FhirAdapters.Model;

/// <summary>FHIR Reference: a literal reference, a logical one (identifier), or both.</summary>
public sealed class Reference : DataType
{
    internal static readonly new FhirTypeInfo Info = new("Reference", () => new Reference(),
    [
        .. ElementMembers,
        Elements.Str<Reference>("reference", FhirPrimitiveType.String, x => x.ReferenceValue, (x, v) => x.ReferenceValue = v),
        Elements.Str<Reference>("type", FhirPrimitiveType.Uri, x => x.Type, (x, v) => x.Type = v),
        Elements.One<Reference, Identifier>("identifier", () => Identifier.Info, x => x.Identifier, (x, v) => x.Identifier = v),
        Elements.Str<Reference>("display", FhirPrimitiveType.String, x => x.Display, (x, v) => x.Display = v),
    ]);

    /// <summary>The literal reference (JSON <c>reference</c>), e.g. <c>Patient/123</c> or <c>#contained</c>.</summary>
    public string? ReferenceValue { get; set; }
    public string? Type { get; set; }
    public Identifier? Identifier { get; set; }
    public string? Display { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;

    /// <summary>A logical reference by identifier, with the target type.</summary>
    public static Reference ToIdentifier(string type, string system, string value, string? display = null) =>
        new() { Type = type, Identifier = new Identifier(system, value), Display = display };
}
