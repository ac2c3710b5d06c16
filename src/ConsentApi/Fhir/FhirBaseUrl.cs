using Microsoft.Extensions.Options;

namespace ConsentApi.Fhir;

/// <summary>The FHIR base URL for links: configured, or from the request (scheme, host, path base) + /fhir.</summary>
public static class FhirBaseUrl
{
    public static string Get(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IOptions<FhirOptions>>().Value.PublicBaseUrl;
        if (!string.IsNullOrEmpty(configured))
        {
            return configured.TrimEnd('/');
        }

        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";
    }
}
