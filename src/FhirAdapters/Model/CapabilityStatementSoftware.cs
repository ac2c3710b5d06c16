namespace FhirAdapters.Model;

/// <summary>CapabilityStatement.software: the software this statement describes.</summary>
public sealed class CapabilityStatementSoftware : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("CapabilityStatement.software", () => new CapabilityStatementSoftware(),
    [
        .. BackboneMembers,
        Elements.Str<CapabilityStatementSoftware>("name", FhirPrimitiveType.String, x => x.Name, (x, v) => x.Name = v, min: 1),
        Elements.Str<CapabilityStatementSoftware>("version", FhirPrimitiveType.String, x => x.Version, (x, v) => x.Version = v),
        Elements.Str<CapabilityStatementSoftware>("releaseDate", FhirPrimitiveType.DateTime, x => x.ReleaseDate, (x, v) => x.ReleaseDate = v),
    ]);

    public string? Name { get; set; }
    public string? Version { get; set; }
    public string? ReleaseDate { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
