namespace FhirAdapters.Model;

/// <summary>FHIR Meta: version, last update, profiles, security labels and tags.</summary>
public sealed class Meta : DataType
{
    internal static readonly new FhirTypeInfo Info = new("Meta", () => new Meta(),
    [
        .. ElementMembers,
        Elements.Str<Meta>("versionId", FhirPrimitiveType.Id, x => x.VersionId, (x, v) => x.VersionId = v),
        Elements.Str<Meta>("lastUpdated", FhirPrimitiveType.Instant, x => x.LastUpdated, (x, v) => x.LastUpdated = v),
        Elements.Str<Meta>("source", FhirPrimitiveType.Uri, x => x.Source, (x, v) => x.Source = v),
        Elements.StrList<Meta>("profile", FhirPrimitiveType.Canonical, x => x.Profile, (x, v) => x.Profile = v),
        Elements.Many<Meta, Coding>("security", () => Coding.Info, x => x.Security, (x, v) => x.Security = v),
        Elements.Many<Meta, Coding>("tag", () => Coding.Info, x => x.Tag, (x, v) => x.Tag = v),
    ]);

    public string? VersionId { get; set; }
    public string? LastUpdated { get; set; }
    public string? Source { get; set; }
    public List<string>? Profile { get; set; }
    public List<Coding>? Security { get; set; }
    public List<Coding>? Tag { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
