namespace FhirAdapters.Model;

/// <summary>FHIR ContactPoint: a phone number, email address or other way to reach someone.</summary>
public sealed class ContactPoint : DataType
{
    internal static readonly RequiredBinding SystemBinding = RequiredBinding.Of("http://hl7.org/fhir/ValueSet/contact-point-system",
        "phone", "fax", "email", "pager", "url", "sms", "other");

    internal static readonly RequiredBinding UseBinding = RequiredBinding.Of("http://hl7.org/fhir/ValueSet/contact-point-use",
        "home", "work", "temp", "old", "mobile");

    internal static readonly new FhirTypeInfo Info = new("ContactPoint", () => new ContactPoint(),
    [
        .. ElementMembers,
        Elements.Str<ContactPoint>("system", FhirPrimitiveType.Code, x => x.System, (x, v) => x.System = v, binding: SystemBinding),
        Elements.Str<ContactPoint>("value", FhirPrimitiveType.String, x => x.Value, (x, v) => x.Value = v),
        Elements.Str<ContactPoint>("use", FhirPrimitiveType.Code, x => x.Use, (x, v) => x.Use = v, binding: UseBinding),
        Elements.Int<ContactPoint>("rank", FhirPrimitiveType.PositiveInt, x => x.Rank, (x, v) => x.Rank = v),
        Elements.One<ContactPoint, Period>("period", () => Period.Info, x => x.Period, (x, v) => x.Period = v),
    ]);

    public string? System { get; set; }
    public string? Value { get; set; }
    public string? Use { get; set; }
    public int? Rank { get; set; }
    public Period? Period { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
