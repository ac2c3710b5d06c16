namespace FhirAdapters.Model;

/// <summary>The FHIR R4 primitive data types.</summary>
public enum FhirPrimitiveType
{
    Base64Binary,
    Boolean,
    Canonical,
    Code,
    Date,
    DateTime,
    Decimal,
    Id,
    Instant,
    Integer,
    Markdown,
    Oid,
    PositiveInt,
    String,
    Time,
    UnsignedInt,
    Uri,
    Url,
    Uuid,
    Xhtml,
}
