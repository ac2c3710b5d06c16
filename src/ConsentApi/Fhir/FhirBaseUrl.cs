using ConsentApi.Identity;
using Microsoft.Extensions.Options;

namespace ConsentApi.Fhir;

/// <summary>
/// The registry's own addresses, always from configuration and never from the request's Host header (which a caller
/// chooses): the service root is <c>Auth:Issuer</c>, the FHIR base is <c>Fhir:PublicBaseUrl</c> or the root + /fhir.
/// </summary>
public static class FhirBaseUrl
{
    public static string Get(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IOptions<FhirOptions>>().Value.PublicBaseUrl;
        return !string.IsNullOrEmpty(configured) ? configured.TrimEnd('/') : Root(context) + "/fhir";
    }

    /// <summary>The service's public root URL (its issuer), without a trailing slash.</summary>
    public static string Root(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Issuer.TrimEnd('/');
}
