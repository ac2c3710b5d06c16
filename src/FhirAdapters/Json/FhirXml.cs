using System.Text;
using System.Xml;
using FhirAdapters.Outcomes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirAdapters.Json;

/// <summary>FHIR R4 XML (application/fhir+xml) on the Firely SDK, read strictly and with no DTDs or external entities.</summary>
public static class FhirXml
{
    private static readonly FhirXmlSerializer Serializer = new();

    private static readonly FhirXmlDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    public static void Serialize(Base resource, Stream output, bool indented = false, Func<SerializationFilter>? filter = null)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = indented, NewLineChars = "\n", OmitXmlDeclaration = false };
        using var writer = XmlWriter.Create(output, settings);
        Serializer.Serialize(resource, writer, filter, null);
    }

    public static string Serialize(Base resource, bool indented = false)
    {
        using var stream = new MemoryStream();
        Serialize(resource, stream, indented);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Parses a resource of type <typeparamref name="T"/>; throws <see cref="FhirParseException"/> listing every problem.</summary>
    public static T Parse<T>(ReadOnlySpan<byte> utf8Xml)
        where T : Resource =>
        TryParse<T>(utf8Xml, out var resource, out var issues) ? resource! : throw new FhirParseException(issues);

    public static bool TryParse<T>(ReadOnlySpan<byte> utf8Xml, out T? resource, out IReadOnlyList<OperationOutcome.IssueComponent> issues)
        where T : Resource
    {
        resource = null;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = 16 * 1024 * 1024,
            IgnoreWhitespace = true,
            IgnoreComments = true,
        };
        Resource? parsed;
        IEnumerable<Hl7.Fhir.Utility.CodedException>? errors;
        try
        {
            using var stream = new MemoryStream(utf8Xml.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            if (!Deserializer.TryDeserializeResource(reader, out parsed, out errors))
            {
                if (parsed is not null and not T)
                {
                    return ParseIssues.CheckType(parsed, out resource, out issues);
                }

                issues = ParseIssues.From(errors, typeof(T) == typeof(Resource) ? "Resource" : typeof(T).Name);
                return false;
            }
        }
        catch (XmlException e)
        {
            issues = [Issues.Error("structure", $"The body is not well-formed XML: {e.Message}")];
            return false;
        }

        return ParseIssues.CheckType(parsed, out resource, out issues);
    }
}
