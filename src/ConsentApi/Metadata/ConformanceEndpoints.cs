using ConsentApi.Fhir;
using FhirAdapters.Profiles;
using FhirAdapters.Primitives;
using Hl7.Fhir.Model;

namespace ConsentApi.Metadata;

/// <summary>
/// The registry's published conformance resources (the Consent profile, the capture-channel extension and the
/// ValueSets and CodeSystems they bind), readable without a token so a supplier can build against them.
/// </summary>
public static class ConformanceEndpoints
{
    public static IEndpointRouteBuilder MapConformance(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/fhir").WithTags("Metadata").AllowAnonymous();
        group.MapGet("/StructureDefinition", SearchStructureDefinitions).WithName("SearchStructureDefinitions");
        group.MapGet("/StructureDefinition/{id}", ReadStructureDefinition).WithName("ReadStructureDefinition");
        group.MapGet("/ValueSet", SearchValueSets).WithName("SearchValueSets");
        group.MapGet("/ValueSet/{id}", ReadValueSet).WithName("ReadValueSet");
        group.MapGet("/CodeSystem", SearchCodeSystems).WithName("SearchCodeSystems");
        group.MapGet("/CodeSystem/{id}", ReadCodeSystem).WithName("ReadCodeSystem");
        return app;
    }

    public static IResult ReadStructureDefinition(string id) => Read("StructureDefinition", id);

    public static IResult ReadValueSet(string id) => Read("ValueSet", id);

    public static IResult ReadCodeSystem(string id) => Read("CodeSystem", id);

    public static IResult SearchStructureDefinitions(HttpContext context, TimeProvider time) => Search(context, "StructureDefinition", time);

    public static IResult SearchValueSets(HttpContext context, TimeProvider time) => Search(context, "ValueSet", time);

    public static IResult SearchCodeSystems(HttpContext context, TimeProvider time) => Search(context, "CodeSystem", time);

    private static IResult Read(string type, string id) =>
        RegistryConformance.Find(type, id) is { } resource
            ? FhirResults.Resource(resource)
            : throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found",
                $"{type}/{id} is not published here; GET {type} lists what is: {string.Join(", ", RegistryConformance.OfType(type).Select(r => r.Id))}.");

    /// <summary>Every published resource of the type (there are a handful); url narrows to one canonical URL.</summary>
    private static IResult Search(HttpContext context, string type, TimeProvider time)
    {
        var url = context.Request.Query["url"].ToString();
        var matches = RegistryConformance.OfType(type)
            .Where(r => url.Length == 0 || (r as IVersionableConformanceResource)?.Url == url)
            .ToList();
        var baseUrl = FhirBaseUrl.Get(context);
        return FhirResults.Resource(new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Meta = new Meta { LastUpdatedElement = FhirInstant.Element(time.GetUtcNow()) },
            Type = Bundle.BundleType.Searchset,
            Total = matches.Count,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = $"{baseUrl}/{type}{context.Request.QueryString}" }],
            Entry = [.. matches.Select(r => new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/{type}/{r.Id}",
                Resource = r,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            })],
        });
    }
}
