using ConsentApi.Identity;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsentApi.Audit;
using ConsentApi.Fhir;
using ConsentApi.Policies;

namespace ConsentApi.Decisions;

/// <summary>
/// A CDS Hooks service shaped like the HL7 LEAP Consent Decision Service, so enforcement points built for it can ask
/// the registry unchanged: discovery at GET /cds-services, the hook at POST /cds-services/patient-consent-consult.
/// </summary>
public static class CdsHooksEndpoints
{
    public const string HookId = "patient-consent-consult";

    public static IEndpointRouteBuilder MapCdsHooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/cds-services").WithTags("CDS Hooks");
        group.MapGet("", Discovery).WithName("CdsDiscovery").AllowAnonymous();
        group.MapPost("/" + HookId, Consult).WithName("CdsPatientConsentConsult").RequireAuthorization(AccessPolicies.Decisions);
        return app;
    }

    public static IResult Discovery() => Results.Json(new JsonObject
    {
        ["services"] = new JsonArray(new JsonObject
        {
            ["hook"] = HookId,
            ["id"] = HookId,
            ["title"] = "ConsentRegistry patient consent consult",
            ["description"] = "Decides whether a person's recorded choices (national data opt-out, Type 1 and the rest of the registry's policies) permit a disclosure to an actor for a purpose of use.",
            ["prefetch"] = new JsonObject(),
        }),
    });

    public static async Task<IResult> Consult(HttpContext context, DecisionIndex index, PolicyCatalogue catalogue, DecisionRecorder recorder,
        TimeProvider time, CancellationToken ct)
    {
        JsonNode? body;
        try
        {
            // Read within the body limit; a repeated property is refused rather than left to fail later.
            body = JsonNode.Parse(await FhirRequestBody.ReadAsync(context), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw RequestValues.Bad("body", $"The request body is not JSON: {ex.Message}");
        }

        if (body?["hook"]?.GetValueKind() != JsonValueKind.String || body["hook"]!.GetValue<string>() != HookId)
        {
            throw RequestValues.Bad("hook", $"'hook' must be \"{HookId}\".");
        }

        var hookContext = body["context"] as JsonObject ?? throw RequestValues.Bad("context", "'context' is required (an object with patientId, actor and purposeOfUse).");
        var nhs = RequestValues.NhsNumber(PickIdentifier(hookContext["patientId"], FhirAdapters.Primitives.NhsNumber.System), "context.patientId");
        var actor = PickIdentifier(hookContext["actor"], FhirAdapters.Primitives.OdsCode.System)
            ?? throw RequestValues.Bad("context.actor", "'context.actor' is required: the recipient's ODS code as {\"system\": \"https://fhir.nhs.uk/Id/ods-organization-code\", \"value\": \"RR8\"}.");
        var purposes = Codes(hookContext["purposeOfUse"]);
        if (purposes.Count == 0)
        {
            throw RequestValues.Bad("context.purposeOfUse", "'context.purposeOfUse' is required: a purpose of use code such as \"HRESCH\" (or a list of them).");
        }

        var decisions = new List<(DecisionRequest Request, Decision Decision)>();
        foreach (var purpose in purposes)
        {
            var request = DecisionRequests.Build(purpose, actor, null, Text(hookContext["legalBasis"]), Text(hookContext["source"]), catalogue, time.GetUtcNow());
            decisions.Add((request, new DecisionEngine(index, catalogue, request).Decide(nhs)));
        }

        await recorder.RecordAsync("cds", nhs, decisions, AuditActor.From(context), ct);

        // Any deny wins; a permit counts as consent only when a recorded choice made it (LEAP's NO_CONSENT otherwise).
        var (_, deciding) = decisions.FirstOrDefault(d => !d.Decision.Permit);
        deciding ??= decisions.Select(d => d.Decision).FirstOrDefault(d => d.Basis is not null) ?? decisions[0].Decision;
        var summary = !deciding.Permit ? "CONSENT_DENY" : deciding.Basis is not null ? "CONSENT_PERMIT" : "NO_CONSENT";
        var basedOn = deciding.Basis is { } basis ? $"Consent/{basis.ResourceId}/_history/{basis.VersionId}" : deciding.Policy?.Uri;
        return Results.Json(new JsonObject
        {
            ["cards"] = new JsonArray(new JsonObject
            {
                ["uuid"] = Guid.NewGuid().ToString(),
                ["summary"] = summary,
                ["detail"] = deciding.Explanation,
                ["indicator"] = summary switch { "CONSENT_DENY" => "critical", "CONSENT_PERMIT" => "info", _ => "warning" },
                ["source"] = new JsonObject { ["label"] = "ConsentRegistry", ["url"] = FhirBaseUrl.Root(context) + "/policies" },
                ["extension"] = new JsonObject
                {
                    ["decision"] = summary,
                    ["obligations"] = new JsonArray(),
                    ["basedOn"] = basedOn,
                    ["policy"] = deciding.Policy?.Uri,
                    ["exemption"] = deciding.Exemption?.Code,
                },
            }),
        });
    }

    /// <summary>The value of the identifier with <paramref name="system"/> (or the only one) from an object or an array of them.</summary>
    private static string? PickIdentifier(JsonNode? node, string system)
    {
        var candidates = node switch
        {
            JsonArray array => array.OfType<JsonObject>().ToList(),
            JsonObject single => [single],
            _ => [],
        };
        var match = candidates.FirstOrDefault(c => Text(c["system"]) == system) ?? (candidates.Count == 1 ? candidates[0] : null);
        return match is null ? null : $"{Text(match["system"])}|{Text(match["value"])}";
    }

    /// <summary>Purpose codes given as "HRESCH", {"system","code"}, or a list of either.</summary>
    private static List<string> Codes(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.SelectMany(Codes)],
        JsonObject coding => Text(coding["code"]) is { } code ? [$"{Text(coding["system"])}|{code}"] : [],
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        _ => [],
    };

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
