namespace FhirAdapters.Model;

/// <summary>FHIR Resource: id, meta, implicitRules and language.</summary>
public abstract class Resource : Base
{
    internal static readonly ElementInfo[] ResourceMembers =
    [
        Elements.Str<Resource>("id", FhirPrimitiveType.Id, x => x.Id, (x, v) => x.Id = v, sibling: false),
        Elements.One<Resource, Meta>("meta", () => Meta.Info, x => x.Meta, (x, v) => x.Meta = v),
        Elements.Str<Resource>("implicitRules", FhirPrimitiveType.Uri, x => x.ImplicitRules, (x, v) => x.ImplicitRules = v),
        Elements.Str<Resource>("language", FhirPrimitiveType.Code, x => x.Language, (x, v) => x.Language = v),
    ];

    public string? Id { get; set; }
    public Meta? Meta { get; set; }
    public string? ImplicitRules { get; set; }
    public string? Language { get; set; }

    /// <summary>The resource type name as written in <c>resourceType</c>.</summary>
    public virtual string ResourceType => TypeInfo.Name;
}
