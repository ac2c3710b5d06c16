namespace ConsentApi.Policies;

/// <summary>The policy catalogue, readable by anyone as plain JSON (the portal renders it; clients read the URIs and codes).</summary>
public static class PolicyEndpoints
{
    public static IEndpointRouteBuilder MapPolicies(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/policies").WithTags("Policies").AllowAnonymous();
        group.MapGet("", GetCatalogue).WithName("GetPolicyCatalogue").Produces<PolicyCatalogueDocument>();
        group.MapGet("/{id}", GetPolicy).WithName("GetPolicy").Produces<PolicyDefinition>();
        return app;
    }

    public static IResult GetCatalogue(PolicyCatalogue catalogue) => Results.Json(catalogue.Document, PolicyCatalogueSeeder.Json);

    public static IResult GetPolicy(string id, PolicyCatalogue catalogue) =>
        catalogue.Find(id) is { } policy
            ? Results.Json(policy, PolicyCatalogueSeeder.Json)
            : Results.Problem(statusCode: 404, title: "No such policy",
                detail: $"There is no policy '{id}'. The catalogue at /policies lists them: {string.Join(", ", catalogue.Policies.Select(p => p.Id))}.");
}
