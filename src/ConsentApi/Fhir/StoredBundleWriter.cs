using System.Text.Json;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace ConsentApi.Fhir;

/// <summary>
/// Writes a <see cref="StoredBundle"/> as compact FHIR JSON with each stored resource copied byte for byte, so a
/// search never parses what it returns (decision 14: the one hand-written writer, on the hot path of every search).
/// It writes the Bundle elements the registry's searches and histories use, in the specification's order.
/// </summary>
public static class StoredBundleWriter
{
    public static void Write(Utf8JsonWriter writer, StoredBundle stored)
    {
        var bundle = stored.Envelope;
        writer.WriteStartObject();
        writer.WriteString("resourceType", "Bundle");
        WriteIfPresent(writer, "id", bundle.Id);
        if (bundle.Meta?.LastUpdatedElement?.ToString() is { } lastUpdated)
        {
            writer.WriteStartObject("meta");
            writer.WriteString("lastUpdated", lastUpdated);
            writer.WriteEndObject();
        }

        WriteIfPresent(writer, "type", bundle.Type?.GetLiteral());
        WriteIfPresent(writer, "timestamp", bundle.TimestampElement?.ToString());
        if (bundle.Total is { } total)
        {
            writer.WriteNumber("total", total);
        }

        if (bundle.Link.Count > 0)
        {
            writer.WriteStartArray("link");
            foreach (var link in bundle.Link)
            {
                writer.WriteStartObject();
                WriteIfPresent(writer, "relation", link.Relation);
                WriteIfPresent(writer, "url", link.Url);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (bundle.Entry.Count > 0)
        {
            writer.WriteStartArray("entry");
            for (var i = 0; i < bundle.Entry.Count; i++)
            {
                WriteEntry(writer, bundle.Entry[i], stored.Stored[i]);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter writer, Bundle.EntryComponent entry, string? storedJson)
    {
        writer.WriteStartObject();
        WriteIfPresent(writer, "fullUrl", entry.FullUrl);
        if (storedJson is not null)
        {
            writer.WritePropertyName("resource");
            writer.WriteRawValue(storedJson, skipInputValidation: true);
        }
        else if (entry.Resource is { } resource)
        {
            writer.WritePropertyName("resource");
            FhirJson.Serialize(resource, writer);
        }

        if (entry.Search?.Mode is { } mode)
        {
            writer.WriteStartObject("search");
            writer.WriteString("mode", mode.GetLiteral());
            writer.WriteEndObject();
        }

        if (entry.Request is { } request)
        {
            writer.WriteStartObject("request");
            WriteIfPresent(writer, "method", request.Method?.GetLiteral());
            WriteIfPresent(writer, "url", request.Url);
            writer.WriteEndObject();
        }

        if (entry.Response is { } response)
        {
            writer.WriteStartObject("response");
            WriteIfPresent(writer, "status", response.Status);
            WriteIfPresent(writer, "etag", response.Etag);
            WriteIfPresent(writer, "lastModified", response.LastModifiedElement?.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
