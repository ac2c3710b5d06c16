using Microsoft.Extensions.Options;

namespace ConsentApi.Identity;

/// <summary>
/// What clients discover before asking for a token: SMART configuration, the OpenID-style provider metadata, and the
/// registry's public signing keys. All public.
/// </summary>
public static class DiscoveryEndpoints
{
    private static readonly string[] GrantTypes = ["client_credentials", "authorization_code", "refresh_token"];
    private static readonly string[] AuthMethods = ["private_key_jwt", "none"];
    private static readonly string[] Scopes = [.. RegistryScopes.Supported, "offline_access"];
    private static readonly string[] Capabilities =
        ["client-confidential-asymmetric", "client-public", "launch-standalone", "permission-offline", "permission-patient", "permission-user", "permission-v1",
            "permission-v2"];
    private static readonly string[] ResponseTypes = ["code"];
    private static readonly string[] ChallengeMethods = ["S256"];
    private static readonly string[] SubjectTypes = ["public"];
    private static readonly string[] TokenAlgorithms = [SigningKeyStore.Algorithm];

    public static IEndpointRouteBuilder MapDiscovery(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/.well-known").WithTags("Identity").AllowAnonymous();
        group.MapGet("/smart-configuration", SmartConfiguration).WithName("SmartConfiguration");
        group.MapGet("/openid-configuration", OpenIdConfiguration).WithName("OpenIdConfiguration");
        group.MapGet("/jwks.json", Jwks).WithName("Jwks");

        // SMART clients look for discovery at the FHIR base too, before they hold a token.
        app.MapGet("/fhir/.well-known/smart-configuration", SmartConfiguration).WithName("FhirSmartConfiguration").WithTags("Identity").AllowAnonymous();
        return app;
    }

    public static IResult SmartConfiguration(HttpContext context, IOptions<AuthOptions> options)
    {
        var document = Common(context, options.Value);
        document["capabilities"] = Capabilities;
        return Results.Json(document);
    }

    public static IResult OpenIdConfiguration(HttpContext context, IOptions<AuthOptions> options)
    {
        var document = Common(context, options.Value);
        document["subject_types_supported"] = SubjectTypes;
        document["id_token_signing_alg_values_supported"] = TokenAlgorithms;
        return Results.Json(document);
    }

    public static IResult Jwks(SigningKeyStore keys) => Results.Json(new
    {
        keys = keys.PublicJwks.Keys.Select(k => new { kty = k.Kty, kid = k.Kid, use = k.Use, alg = k.Alg, n = k.N, e = k.E }),
    });

    private static Dictionary<string, object> Common(HttpContext context, AuthOptions options) => new()
    {
        ["issuer"] = options.Issuer,
        ["jwks_uri"] = Url(context, "/.well-known/jwks.json"),
        ["token_endpoint"] = Url(context, TokenEndpoints.Path),
        ["authorization_endpoint"] = Url(context, TokenServer.TokenServerExtensions.AuthorizePath),
        ["revocation_endpoint"] = Url(context, TokenServer.TokenServerExtensions.RevocationPath),
        ["introspection_endpoint"] = Url(context, TokenServer.TokenServerExtensions.IntrospectionPath),
        ["code_challenge_methods_supported"] = ChallengeMethods,
        ["response_types_supported"] = ResponseTypes,
        ["grant_types_supported"] = GrantTypes,
        ["token_endpoint_auth_methods_supported"] = AuthMethods,
        ["token_endpoint_auth_signing_alg_values_supported"] = ClientAssertionValidator.Algorithms,
        ["scopes_supported"] = Scopes,
    };

    /// <summary>An address under the configured issuer (never the request's Host, which the caller chooses).</summary>
    private static string Url(HttpContext context, string path) => Fhir.FhirBaseUrl.Root(context) + path;
}
