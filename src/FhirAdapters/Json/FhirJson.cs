using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using FhirAdapters.Outcomes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirAdapters.Json;

/// <summary>
/// FHIR R4 JSON (application/fhir+json) on the Firely SDK: strict parsing (every problem reported with the element's
/// path) and compact writing with the registry's writer options.
/// </summary>
public static class FhirJson
{
    /// <summary>FHIR JSON is not HTML: keep &lt;, &gt;, &amp; and non-ASCII text readable (quotes and controls are still escaped).</summary>
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static readonly FhirJsonSerializer Serializer = new();

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    public static JsonWriterOptions WriterOptions(bool indented) =>
        new() { Indented = indented, Encoder = Encoder, NewLine = "\n", IndentSize = 2 };

    public static void Serialize(Base resource, IBufferWriter<byte> output, bool indented = false, Func<SerializationFilter>? filter = null)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions(indented));
        Serializer.Serialize(resource, writer, filter);
    }

    public static void Serialize(Base resource, Stream output, bool indented = false)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions(indented));
        Serializer.Serialize(resource, writer, (Func<SerializationFilter>?)null);
    }

    /// <summary>Writes a resource as a value inside JSON the caller is writing (e.g. an NDJSON line or a Bundle entry).</summary>
    public static void Serialize(Base resource, Utf8JsonWriter writer, Func<SerializationFilter>? filter = null) =>
        Serializer.Serialize(resource, writer, filter);

    public static byte[] SerializeToUtf8Bytes(Base resource, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Serialize(resource, buffer, indented);
        return buffer.WrittenSpan.ToArray();
    }

    public static string Serialize(Base resource, bool indented = false) =>
        Encoding.UTF8.GetString(SerializeToUtf8Bytes(resource, indented));

    /// <summary>Parses a resource of type <typeparamref name="T"/>; throws <see cref="FhirParseException"/> listing every problem.</summary>
    public static T Parse<T>(ReadOnlySpan<byte> utf8Json)
        where T : Resource =>
        TryParse<T>(utf8Json, out var resource, out var issues) ? resource! : throw new FhirParseException(issues);

    public static T Parse<T>(string json)
        where T : Resource => Parse<T>(Encoding.UTF8.GetBytes(json));

    /// <summary>Parses any resource type of FHIR R4.</summary>
    public static Resource ParseResource(ReadOnlySpan<byte> utf8Json) => Parse<Resource>(utf8Json);

    /// <summary>Parses without throwing; on failure <paramref name="issues"/> says why.</summary>
    public static bool TryParse<T>(ReadOnlySpan<byte> utf8Json, out T? resource, out IReadOnlyList<OperationOutcome.IssueComponent> issues)
        where T : Resource
    {
        resource = null;
        if (!Utf8.IsValid(utf8Json))
        {
            issues = [Issues.Error("structure", "The body is not valid UTF-8: FHIR JSON must be sent as UTF-8 text.")];
            return false;
        }

        Resource? parsed;
        IEnumerable<Hl7.Fhir.Utility.CodedException>? errors;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 64 });
            var peek = reader;
            if (!peek.Read() || peek.TokenType != JsonTokenType.StartObject)
            {
                issues = [Issues.Error("structure", "The body must be one JSON object: a FHIR resource with its resourceType.")];
                return false;
            }

            if (!Deserializer.TryDeserializeResource(ref reader, out parsed, out errors))
            {
                if (parsed is not null and not T)
                {
                    // A resource of another type sent where T belongs: that is the one thing to fix first.
                    return ParseIssues.CheckType(parsed, out resource, out issues);
                }

                issues = ParseIssues.From(errors, typeof(T) == typeof(Resource) ? "Resource" : typeof(T).Name);
                return false;
            }

            if (reader.Read())
            {
                issues = [Issues.Error("structure", "The body has content after the end of the resource's JSON object.")];
                return false;
            }
        }
        catch (JsonException e)
        {
            issues = [Issues.Error("structure", $"The body is not valid JSON: {e.Message}")];
            return false;
        }

        return ParseIssues.CheckType(parsed, out resource, out issues);
    }
}
