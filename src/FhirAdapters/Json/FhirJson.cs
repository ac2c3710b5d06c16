using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FhirAdapters.Model;

namespace FhirAdapters.Json;

/// <summary>Reads and writes FHIR R4 JSON (application/fhir+json).</summary>
public static class FhirJson
{
    /// <summary>FHIR JSON is not HTML: keep &lt;, &gt;, &amp; and non-ASCII text readable (quotes and controls are still escaped).</summary>
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static JsonWriterOptions WriterOptions(bool indented) =>
        new() { Indented = indented, Encoder = Encoder, NewLine = "\n", IndentSize = 2 };

    public static void Serialize(Resource resource, IBufferWriter<byte> output, bool indented = false)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions(indented));
        FhirJsonWriter.WriteResource(writer, resource);
    }

    public static void Serialize(Resource resource, Stream output, bool indented = false)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions(indented));
        FhirJsonWriter.WriteResource(writer, resource);
    }

    /// <summary>Writes a resource as a value inside JSON the caller is writing (e.g. an NDJSON line).</summary>
    public static void Serialize(Resource resource, Utf8JsonWriter writer) => FhirJsonWriter.WriteResource(writer, resource);

    public static byte[] SerializeToUtf8Bytes(Resource resource, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Serialize(resource, buffer, indented);
        return buffer.WrittenSpan.ToArray();
    }

    public static string Serialize(Resource resource, bool indented = false) =>
        Encoding.UTF8.GetString(SerializeToUtf8Bytes(resource, indented));

    /// <summary>Parses a resource of type <typeparamref name="T"/>; throws <see cref="FhirParseException"/> listing every problem.</summary>
    public static T Parse<T>(ReadOnlySpan<byte> utf8Json)
        where T : Resource
    {
        var expected = typeof(T) == typeof(Resource) ? null : typeof(T).Name;
        var resource = FhirJsonReader.Read(utf8Json, expected, out var issues);
        if (resource is T typed && issues.Count == 0)
        {
            return typed;
        }

        throw new FhirParseException(issues.Count > 0 ? issues : [OperationOutcomeIssue.Error("structure", $"Expected a {expected}.")]);
    }

    public static T Parse<T>(string json)
        where T : Resource => Parse<T>(Encoding.UTF8.GetBytes(json));

    /// <summary>Parses any resource type this library models.</summary>
    public static Resource ParseResource(ReadOnlySpan<byte> utf8Json) => Parse<Resource>(utf8Json);

    /// <summary>Parses without throwing; on failure <paramref name="issues"/> says why.</summary>
    public static bool TryParse<T>(ReadOnlySpan<byte> utf8Json, out T? resource, out IReadOnlyList<OperationOutcomeIssue> issues)
        where T : Resource
    {
        var expected = typeof(T) == typeof(Resource) ? null : typeof(T).Name;
        var result = FhirJsonReader.Read(utf8Json, expected, out var found);
        resource = result as T;
        issues = found;
        return resource is not null && found.Count == 0;
    }
}
