namespace FhirAdapters.Model;

/// <summary>FHIR Extension: a url and either a value or nested extensions (ext-1).</summary>
public sealed class Extension : DataType
{
    internal static readonly new FhirTypeInfo Info = new("Extension", () => new Extension(),
    [
        .. ElementMembers,
        Elements.Str<Extension>("url", FhirPrimitiveType.Uri, x => x.Url, (x, v) => x.Url = v, min: 1),
        Elements.Choice<Extension>("value", OpenValueTypes.All, x => x.Value, (x, v) => x.Value = v),
    ]);

    public string? Url { get; set; }
    public DataType? Value { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
