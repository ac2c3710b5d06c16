namespace FhirAdapters.Model;

/// <summary>AuditEvent.source: the system that observed and recorded the event.</summary>
public sealed class AuditEventSource : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("AuditEvent.source", () => new AuditEventSource(),
    [
        .. BackboneMembers,
        Elements.Str<AuditEventSource>("site", FhirPrimitiveType.String, x => x.Site, (x, v) => x.Site = v),
        Elements.One<AuditEventSource, Reference>("observer", () => Reference.Info, x => x.Observer, (x, v) => x.Observer = v, min: 1),
        Elements.Many<AuditEventSource, Coding>("type", () => Coding.Info, x => x.Type, (x, v) => x.Type = v),
    ]);

    public string? Site { get; set; }
    public Reference? Observer { get; set; }
    public List<Coding>? Type { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
