using ConsentApi.Identity;
using ConsentApi.Audit;
using ConsentApi.Policies;

namespace ConsentApi.Decisions;

/// <summary>POST/GET /fhir/Consent/$evaluate: "may this person's data go to this recipient for this purpose?"</summary>
public static class DecisionEndpoints
{
    public static IEndpointRouteBuilder MapDecisions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/fhir/Consent/$evaluate").WithTags("Decisions").RequireAuthorization(AccessPolicies.Decisions);
        group.MapGet("", Evaluate).WithName("EvaluateConsentGet");
        group.MapPost("", Evaluate).WithName("EvaluateConsent");
        return app;
    }

    public static async Task<IResult> Evaluate(HttpContext context, DecisionIndex index, PolicyCatalogue catalogue, DecisionRecorder recorder,
        TimeProvider time, CancellationToken ct)
    {
        var (nhs, request) = await DecisionRequests.ReadAsync(context, catalogue, time.GetUtcNow());
        var decision = new DecisionEngine(index, catalogue, request).Decide(nhs);
        await recorder.RecordAsync("evaluate", nhs, request, decision, AuditActor.From(context), ct);
        return DecisionJson.Result(decision, catalogue);
    }
}
