using ConsentApi.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace ConsentApi.Operations;

/// <summary>
/// The OpenAPI 3.1 document of the registry's non-FHIR endpoints (monitoring, policies, the disclosure register,
/// accounts, proxies, objections considered, administration, the token endpoint), served at <see cref="DocumentPath"/>
/// with a reference UI at <see cref="ReferencePath"/>, both without a token. The FHIR API is described by its
/// CapabilityStatement at /fhir/metadata instead. Every operation states the bearer scheme and the scope it needs
/// (from its authorization policy), and the error shape the registry answers with.
/// </summary>
public static class OpenApiExtensions
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/openapi/reference";
    public const string BearerScheme = "bearer";

    private const string NonceKey = "openapi.reference.nonce";

    /// <summary>
    /// The reference UI's policy: its own scripts (the page's inline start-up script by the nonce made for that
    /// response), its own styles (it injects style elements as it renders), images, and calls to this origin only (the
    /// document, and "try it" requests). No fonts from elsewhere: the UI's default web fonts are turned off.
    /// </summary>
    public static string ReferenceContentSecurityPolicy(HttpContext context) =>
        $"default-src 'none'; script-src 'self'{(context.Items[NonceKey] is string nonce ? $" 'nonce-{nonce}'" : "")}; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IServiceCollection AddRegistryOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.ShouldInclude = description => !IsFhir(description.RelativePath);
            options.AddDocumentTransformer<RegistryDocumentTransformer>();
            options.AddOperationTransformer(async (operation, context, ct) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                operation.Responses ??= [];
                if (metadata.OfType<IAllowAnonymous>().Any())
                {
                    return;
                }

                var policies = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
                var scopes = new List<string>();
                foreach (var name in metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct())
                {
                    if (await policies.GetPolicyAsync(name) is { } policy)
                    {
                        scopes.AddRange(policy.Requirements.OfType<ScopeRequirement>().Select(r => r.Describe()));
                    }
                }

                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = scopes }];
                operation.Description = (operation.Description is { Length: > 0 } d ? d + "\n\n" : "")
                    + (scopes.Count > 0 ? $"Needs a bearer token with {string.Join(" or ", scopes.Select(s => $"`{s}`"))}." : "Needs a bearer token.");
                foreach (var (status, what) in RegistryDocumentTransformer.Errors)
                {
                    operation.Responses.TryAdd(status, RegistryDocumentTransformer.ErrorResponse(what, context.Document));
                }
            });
        });

    /// <summary>The document and its reference UI, open to anyone (they describe the API, they hold no data).</summary>
    public static IEndpointRouteBuilder MapRegistryOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous().ExcludeFromDescription();
        app.MapScalarApiReference(ReferencePath, (options, context) =>
            {
                var nonce = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                context.Items[NonceKey] = nonce;
                options.WithTitle("ConsentRegistry: non-FHIR API").WithOpenApiRoutePattern("/openapi/{documentName}.json").DisableDefaultFonts()
                    .WithNonce(nonce);
            })
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static bool IsFhir(string? relativePath) =>
        relativePath is not null && (relativePath == "fhir" || relativePath.StartsWith("fhir/", StringComparison.Ordinal));
}
