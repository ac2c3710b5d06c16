namespace FhirAdapters.Model;

/// <summary>
/// FHIR CapabilityStatement: what a server supports. Modelled are the elements a server describes itself with;
/// contact, useContext, messaging and document are not.
/// </summary>
public sealed class CapabilityStatement : DomainResource
{
    internal static readonly FhirTypeInfo Info = new("CapabilityStatement", () => new CapabilityStatement(),
    [
        .. DomainMembers,
        Elements.Str<CapabilityStatement>("url", FhirPrimitiveType.Uri, x => x.Url, (x, v) => x.Url = v),
        Elements.Str<CapabilityStatement>("version", FhirPrimitiveType.String, x => x.Version, (x, v) => x.Version = v),
        Elements.Str<CapabilityStatement>("name", FhirPrimitiveType.String, x => x.Name, (x, v) => x.Name = v),
        Elements.Str<CapabilityStatement>("title", FhirPrimitiveType.String, x => x.Title, (x, v) => x.Title = v),
        Elements.Str<CapabilityStatement>("status", FhirPrimitiveType.Code, x => x.Status, (x, v) => x.Status = v, min: 1,
            binding: RequiredBinding.Of("http://hl7.org/fhir/ValueSet/publication-status", "draft", "active", "retired", "unknown")),
        Elements.Bool<CapabilityStatement>("experimental", x => x.Experimental, (x, v) => x.Experimental = v),
        Elements.Str<CapabilityStatement>("date", FhirPrimitiveType.DateTime, x => x.Date, (x, v) => x.Date = v, min: 1),
        Elements.Str<CapabilityStatement>("publisher", FhirPrimitiveType.String, x => x.Publisher, (x, v) => x.Publisher = v),
        Elements.Str<CapabilityStatement>("description", FhirPrimitiveType.Markdown, x => x.Description, (x, v) => x.Description = v),
        Elements.Str<CapabilityStatement>("kind", FhirPrimitiveType.Code, x => x.Kind, (x, v) => x.Kind = v, min: 1,
            binding: RequiredBinding.Of("http://hl7.org/fhir/ValueSet/capability-statement-kind", "instance", "capability", "requirements")),
        Elements.StrList<CapabilityStatement>("instantiates", FhirPrimitiveType.Canonical, x => x.Instantiates, (x, v) => x.Instantiates = v),
        Elements.One<CapabilityStatement, CapabilityStatementSoftware>("software", () => CapabilityStatementSoftware.Info,
            x => x.Software, (x, v) => x.Software = v),
        Elements.One<CapabilityStatement, CapabilityStatementImplementation>("implementation", () => CapabilityStatementImplementation.Info,
            x => x.Implementation, (x, v) => x.Implementation = v),
        Elements.Str<CapabilityStatement>("fhirVersion", FhirPrimitiveType.Code, x => x.FhirVersion, (x, v) => x.FhirVersion = v, min: 1),
        Elements.StrList<CapabilityStatement>("format", FhirPrimitiveType.Code, x => x.Format, (x, v) => x.Format = v, min: 1),
        Elements.StrList<CapabilityStatement>("patchFormat", FhirPrimitiveType.Code, x => x.PatchFormat, (x, v) => x.PatchFormat = v),
        Elements.Many<CapabilityStatement, CapabilityStatementRest>("rest", () => CapabilityStatementRest.Info, x => x.Rest, (x, v) => x.Rest = v),
    ], isResource: true);

    public string? Url { get; set; }
    public string? Version { get; set; }
    public string? Name { get; set; }
    public string? Title { get; set; }
    public string? Status { get; set; }
    public bool? Experimental { get; set; }
    public string? Date { get; set; }
    public string? Publisher { get; set; }
    public string? Description { get; set; }
    public string? Kind { get; set; }
    public List<string>? Instantiates { get; set; }
    public CapabilityStatementSoftware? Software { get; set; }
    public CapabilityStatementImplementation? Implementation { get; set; }
    public string? FhirVersion { get; set; }
    public List<string>? Format { get; set; }
    public List<string>? PatchFormat { get; set; }
    public List<CapabilityStatementRest>? Rest { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
