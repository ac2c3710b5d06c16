using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsentApi.Operations;
using ConsentApi.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Operations;

/// <summary>
/// The OpenAPI document of the non-FHIR API: every mapped endpoint outside /fhir is in it (a new route cannot arrive
/// undescribed), with the bearer scheme, the scope its policy needs and the error shape; the FHIR API is not (its
/// CapabilityStatement describes it); the document and its reference UI need no token, and the UI's page runs only
/// scripts carrying that response's nonce.
/// </summary>
public sealed partial class OpenApiDocumentTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    /// <summary>Mapped but not API endpoints: the root's redirect to the CapabilityStatement, liveness, the document and the UI themselves.</summary>
    private static readonly string[] NotDescribed = ["GET /", "GET /health/live", "GET /health/ready", $"GET /openapi/{{documentName}}.json"];

    [Fact]
    public async Task Document_WhenRead_ThenEveryNonFhirEndpointIsDescribedAndNoFhirOne()
    {
        var document = await DocumentAsync();
        var described = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}")).ToHashSet(StringComparer.Ordinal);
        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !OpenApiExtensions.IsFhir(e.RoutePattern.RawText?.Trim('/')))
            .Where(e => !(e.RoutePattern.RawText ?? "").StartsWith(OpenApiExtensions.ReferencePath, StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} /{Parameters().Replace((e.RoutePattern.RawText ?? "").Trim('/'), "{$1}")}"))
            .Except(NotDescribed).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(mapped.Except(described).Order());
        Assert.DoesNotContain(described, d => d.Contains(" /fhir", StringComparison.Ordinal));
        Assert.Contains("GET /monitoring/flags", described);
        Assert.Contains("GET /health", described);
    }

    [Fact]
    public async Task Document_WhenRead_ThenItIsOpenApi31WithTheBearerSchemeEachOperationsScopeAndTheErrorShape()
    {
        var document = await DocumentAsync();
        var flags = document.GetProperty("paths").GetProperty("/monitoring/flags").GetProperty("get");
        var policies = document.GetProperty("paths").GetProperty("/policies").GetProperty("get");

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal(["registry.monitoring"], flags.GetProperty("security")[0].GetProperty("bearer").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("#/components/schemas/OperationOutcome",
            flags.GetProperty("responses").GetProperty("403").GetProperty("content").GetProperty("application/fhir+json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.False(policies.TryGetProperty("security", out _), "GET /policies is open to anyone");
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("InvestigationChange", out _), "request bodies carry their schema");
        Assert.Equal("#/components/schemas/FlagView", document.GetProperty("paths").GetProperty("/monitoring/flags/{id}").GetProperty("get").GetProperty("responses")
            .GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task Reference_WhenOpenedWithoutAToken_ThenItsPageRunsOnlyScriptsWithThisResponsesNonce()
    {
        using var anonymous = api.CreateAnonymousClient();

        using var page = await anonymous.GetAsync(OpenApiExtensions.ReferencePath + "/");
        var html = await page.Content.ReadAsStringAsync();
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var nonce = policy.Split("'nonce-")[1].Split('\'')[0];
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy.Split("script-src")[1].Split(';')[0], StringComparison.Ordinal);
        Assert.DoesNotContain("https:", policy, StringComparison.Ordinal);
    }

    /// <summary>A route parameter with its constraint ({id:long}) as the document writes it ({id}).</summary>
    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex Parameters();

    private async Task<JsonElement> DocumentAsync()
    {
        using var anonymous = api.CreateAnonymousClient();
        using var response = await anonymous.GetAsync(OpenApiExtensions.DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
