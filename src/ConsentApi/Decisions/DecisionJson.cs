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
/// the FHIR model by the tests (it must parse as Parameters). The fixed names are encoded once, and the answer is
/// written whole with its Content-Length, so it leaves in one send rather than a chunk and a terminator.
/// </summary>
public static class DecisionJson
{
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText ValueCode = JsonEncodedText.Encode("valueCode");
    private static readonly JsonEncodedText ValueUri = JsonEncodedText.Encode("valueUri");
    private static readonly JsonEncodedText ValueString = JsonEncodedText.Encode("valueString");
    private static readonly JsonEncodedText Part = JsonEncodedText.Encode("part");
    private static readonly JsonEncodedText Permit = JsonEncodedText.Encode("permit");
    private static readonly JsonEncodedText Deny = JsonEncodedText.Encode("deny");
    private static readonly JsonEncodedText PolicyOutcome = JsonEncodedText.Encode("policyOutcome");

    public static IResult Result(Decision decision, PolicyCatalogue catalogue) => new ParametersResult(decision, catalogue);

    public static void Write(IBufferWriter<byte> output, Decision decision, PolicyCatalogue catalogue, bool indented)
    {
        using var w = new Utf8JsonWriter(output, FhirJson.WriterOptions(indented));
        w.WriteStartObject();
        w.WriteString("resourceType", "Parameters");
        w.WriteStartArray("parameter");
        Code(w, "decision", decision.Permit);
        if (decision.Policy is { } policy)
        {
            Value(w, "policy", ValueUri, policy.Uri);
        }

        w.WriteStartObject();
        w.WriteString(Name, "basis");
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
        Value(w, "explanation", ValueString, decision.Explanation);
        if (decision.Exemption is { } exemption)
        {
            w.WriteStartObject();
            w.WriteString(Name, "exemption");
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
            w.WriteString(Name, PolicyOutcome);
            w.WriteStartArray(Part);
            Value(w, "policy", ValueUri, o.Policy.Uri);
            Code(w, "decision", !(o.Deny && !o.Exempted));
            Flag(w, "fromChoice", o.Basis is not null);
            Flag(w, "exempted", o.Exempted);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter w, string name, JsonEncodedText type, string value)
    {
        w.WriteStartObject();
        w.WriteString(Name, name);
        w.WriteString(type, value);
        w.WriteEndObject();
    }

    private static void Code(Utf8JsonWriter w, string name, bool permit)
    {
        w.WriteStartObject();
        w.WriteString(Name, name);
        w.WriteString(ValueCode, permit ? Permit : Deny);
        w.WriteEndObject();
    }

    private static void Flag(Utf8JsonWriter w, string name, bool value)
    {
        w.WriteStartObject();
        w.WriteString(Name, name);
        w.WriteBoolean("valueBoolean", value);
        w.WriteEndObject();
    }

    private sealed class ParametersResult(Decision decision, PolicyCatalogue catalogue) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = FhirMediaTypes.Chosen(httpContext) + "; charset=utf-8";
            var buffer = new ArrayBufferWriter<byte>(2048);
            Write(buffer, decision, catalogue, FhirMediaTypes.Pretty(httpContext));
            httpContext.Response.ContentLength = buffer.WrittenCount;
            await httpContext.Response.BodyWriter.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
        }
    }
}
