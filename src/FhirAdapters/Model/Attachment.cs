namespace FhirAdapters.Model;

/// <summary>FHIR Attachment: content inline (base64) or by URL, e.g. a scanned consent form.</summary>
public sealed class Attachment : DataType
{
    internal static readonly new FhirTypeInfo Info = new("Attachment", () => new Attachment(),
    [
        .. ElementMembers,
        Elements.Str<Attachment>("contentType", FhirPrimitiveType.Code, x => x.ContentType, (x, v) => x.ContentType = v),
        Elements.Str<Attachment>("language", FhirPrimitiveType.Code, x => x.Language, (x, v) => x.Language = v),
        Elements.Str<Attachment>("data", FhirPrimitiveType.Base64Binary, x => x.Data, (x, v) => x.Data = v),
        Elements.Str<Attachment>("url", FhirPrimitiveType.Url, x => x.Url, (x, v) => x.Url = v),
        Elements.Int<Attachment>("size", FhirPrimitiveType.UnsignedInt, x => x.Size, (x, v) => x.Size = v),
        Elements.Str<Attachment>("hash", FhirPrimitiveType.Base64Binary, x => x.Hash, (x, v) => x.Hash = v),
        Elements.Str<Attachment>("title", FhirPrimitiveType.String, x => x.Title, (x, v) => x.Title = v),
        Elements.Str<Attachment>("creation", FhirPrimitiveType.DateTime, x => x.Creation, (x, v) => x.Creation = v),
    ]);

    public string? ContentType { get; set; }
    public string? Language { get; set; }
    public string? Data { get; set; }
    public string? Url { get; set; }
    public int? Size { get; set; }
    public string? Hash { get; set; }
    public string? Title { get; set; }
    public string? Creation { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
