using System.Reflection;
using ConsentApi.Fhir;

namespace ConsentApi.Metadata;

public static class MetadataEndpoints
{
    public static IEndpointRouteBuilder MapMetadata(this IEndpointRouteBuilder app)
    {
        app.MapGet("/fhir/metadata", GetCapabilityStatement).WithName("Capabilities").WithTags("Metadata").AllowAnonymous();
        return app;
    }

    public static IResult GetCapabilityStatement(HttpContext context, TimeProvider time)
    {
        var version = typeof(MetadataEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return FhirResults.Resource(CapabilityStatementFactory.Build(FhirBaseUrl.Get(context), time.GetUtcNow(), version.Split('+')[0]));
    }
}
