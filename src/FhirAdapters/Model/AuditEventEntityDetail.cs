namespace FhirAdapters.Model;

/// <summary>AuditEvent.entity.detail: a named property of the entity (value[x]: string | base64Binary).</summary>
public sealed class AuditEventEntityDetail : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("AuditEvent.entity.detail", () => new AuditEventEntityDetail(),
    [
        .. BackboneMembers,
        Elements.Str<AuditEventEntityDetail>("type", FhirPrimitiveType.String, x => x.Type, (x, v) => x.Type = v, min: 1),
        Elements.Choice<AuditEventEntityDetail>("value",
            [Elements.Primitive(FhirPrimitiveType.String), Elements.Primitive(FhirPrimitiveType.Base64Binary)],
            x => x.Value, (x, v) => x.Value = v),
    ]);

    public string? Type { get; set; }
    public DataType? Value { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
