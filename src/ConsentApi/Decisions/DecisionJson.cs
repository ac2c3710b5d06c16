using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ConsentApi.Fhir;
using ConsentApi.Policies;
using FhirAdapters.Json;

namespace ConsentApi.Decisions;

/// <summary>
/// Writes $evaluate's answer, a FHIR Parameters resource, straight to the response: the hottest path in the registry,
/// where building the general model and walking it cost as much as the decision itself. The output is checked against
/// the FHIR model by the tests (it must parse as Parameters).
/// </summary>
public static class DecisionJson
{
    public static IResult Result(Decision decision, PolicyCatalogue catalogue) => new ParametersResult(decision, catalogue);

    public static void Write(IBufferWriter<byte> output, Decision decision, PolicyCatalogue catalogue, bool indented)
    {
        using var w = new Utf8JsonWriter(output, FhirJson.WriterOptions(indented));
        w.WriteStartObject();
        w.WriteString("resourceType", "Parameters");
        w.WriteStartArray("parameter");
        Value(w, "decision", "valueCode", decision.Permit ? "permit" : "deny");
        if (decision.Policy is { } policy)
        {
            Value(w, "policy", "valueUri", policy.Uri);
        }

        w.WriteStartObject();
        w.WriteString("name", "basis");
        w.WriteStartObject("valueReference");
        if (decision.Basis is { } basis)
        {
            w.WriteString("reference", $"Consent/{basis.ResourceId}/_history/{basis.VersionId.ToString(CultureInfo.InvariantCulture)}");
            w.WriteString("type", "Consent");
        }
        else
        {
            w.WriteString("display", decision.Policy is null ? "No policy governs this purpose" : $"Default of policy {decision.Policy.Id}: {decision.Policy.DefaultDecision}");
        }

        w.WriteEndObject();
        w.WriteEndObject();
        Value(w, "explanation", "valueString", decision.Explanation);
        if (decision.Exemption is { } exemption)
        {
            w.WriteStartObject();
            w.WriteString("name", "exemption");
            w.WriteStartObject("valueCoding");
            w.WriteString("system", catalogue.Document.LegalBasisSystem);
            w.WriteString("code", exemption.Code);
            w.WriteString("display", exemption.Title);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        foreach (var o in decision.Outcomes)
        {
            w.WriteStartObject();
            w.WriteString("name", "policyOutcome");
            w.WriteStartArray("part");
            Value(w, "policy", "valueUri", o.Policy.Uri);
            Value(w, "decision", "valueCode", o.Deny && !o.Exempted ? "deny" : "permit");
            Flag(w, "fromChoice", o.Basis is not null);
            Flag(w, "exempted", o.Exempted);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter w, string name, string type, string value)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString(type, value);
        w.WriteEndObject();
    }

    private static void Flag(Utf8JsonWriter w, string name, bool value)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteBoolean("valueBoolean", value);
        w.WriteEndObject();
    }

    private sealed class ParametersResult(Decision decision, PolicyCatalogue catalogue) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = FhirMediaTypes.Chosen(httpContext) + "; charset=utf-8";
            Write(httpContext.Response.BodyWriter, decision, catalogue, FhirMediaTypes.Pretty(httpContext));
            await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
        }
    }
}
