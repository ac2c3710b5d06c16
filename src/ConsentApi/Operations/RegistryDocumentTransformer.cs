using System.Text.Json.Nodes;
using ConsentApi.Fhir;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ConsentApi.Operations;

/// <summary>
/// The document's title, description and server (the configured public root, never the request's Host), the bearer
/// security scheme, and the one error shape every non-FHIR endpoint answers with: an OperationOutcome naming the
/// parameter or element that was wrong.
/// </summary>
public sealed class RegistryDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string ErrorSchema = "OperationOutcome";

    /// <summary>The errors every endpoint behind a token can answer with, besides its own.</summary>
    public static readonly (string Status, string What)[] Errors =
    [
        ("400", "A parameter or the body is wrong; the issue names it and says what was expected."),
        ("401", "No token, or one that is expired, forged or from a disabled client (WWW-Authenticate: Bearer)."),
        ("403", "The token lacks the scope this endpoint needs; the issue names it."),
        ("429", "Too many requests from this client; wait for Retry-After seconds."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "ConsentRegistry: non-FHIR API",
            Version = "1",
            Description = "The registry's endpoints outside FHIR: objection-rate monitoring, policies, the disclosure register, accounts, proxies, "
                + "objections considered, administration and the token endpoint. The FHIR R4 API (Consent, AuditEvent, Subscription, Patient, "
                + "$evaluate, $check-opt-outs, $export) is described by its CapabilityStatement at /fhir/metadata. Tokens: see "
                + "/.well-known/smart-configuration (client systems use SMART Backend Services; people sign in through apps).",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[OpenApiExtensions.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /auth/token (client_credentials with a signed client assertion, or authorization code with PKCE).",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ErrorSchema] = OperationOutcomeSchema();

        // The health endpoint is mapped by the health-check middleware, which the endpoint explorer does not see.
        document.Paths ??= [];
        document.Paths["/health"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "Health",
                    Tags = new HashSet<OpenApiTagReference> { new("Operations", document) },
                    Summary = "Whether the registry is ready: database, jobs, subscriptions and the audit queue, each with its status and a sentence.",
                    Description = "No token needed. 200 when every check is healthy or degraded, 503 when one is unhealthy. /health/live answers 200 while the process runs.",
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse { Description = "Healthy (or degraded): JSON with status and each check's status and description." },
                        ["503"] = new OpenApiResponse { Description = "A check is unhealthy: the same JSON says which and why." },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }

    public static OpenApiResponse ErrorResponse(string description, OpenApiDocument? document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [FhirMediaTypes.FhirJson] = new() { Schema = new OpenApiSchemaReference(ErrorSchema, document) },
        },
    };

    private static OpenApiSchema OperationOutcomeSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "A FHIR OperationOutcome: each issue says what was wrong (diagnostics, repeated in details.text) and where (expression).",
        Required = new HashSet<string> { "resourceType", "issue" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["resourceType"] = new OpenApiSchema { Type = JsonSchemaType.String, Const = "OperationOutcome" },
            ["issue"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["severity"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("error"), JsonValue.Create("warning"), JsonValue.Create("information")] },
                        ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The FHIR issue type, e.g. invalid, forbidden, not-found." },
                        ["diagnostics"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What was wrong, for the developer." },
                        ["expression"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                    },
                },
            },
        },
    };
}
