using FhirAdapters.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ConsentApi.Fhir;

/// <summary>
/// How this request wants resources written: JSON or XML, indented or not, whole or a subset (<c>_summary</c>
/// true/text/data, <c>_elements</c>). A subset carries the SUBSETTED tag, as the specification asks.
/// </summary>
public sealed class FhirRendering
{
    private const string SubsettedSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    private FhirRendering(bool xml, bool pretty, Func<SerializationFilter>? filter)
    {
        Xml = xml;
        Pretty = pretty;
        Filter = filter;
    }

    public bool Xml { get; }
    public bool Pretty { get; }

    /// <summary>The subset asked for, or null for the whole resource.</summary>
    public Func<SerializationFilter>? Filter { get; }

    /// <summary>Whether stored JSON can be sent exactly as stored.</summary>
    public bool AsStored => !Xml && Filter is null;

    public static FhirRendering For(HttpContext context)
    {
        var query = context.Request.Query;
        var summary = query["_summary"].ToString();
        var elements = query["_elements"].ToString();
        Func<SerializationFilter>? filter = summary switch
        {
            "" or "false" or "count" => null,
            "true" => SerializationFilter.ForSummary,
            "text" => SerializationFilter.ForText,
            "data" => SerializationFilter.ForData,
            _ => throw new FhirErrorException(StatusCodes.Status400BadRequest, "invalid",
                $"_summary takes true, text, data, count or false, not '{summary}'."),
        };
        if (elements.Length > 0)
        {
            if (filter is not null)
            {
                throw new FhirErrorException(StatusCodes.Status400BadRequest, "invalid", "Use either _summary or _elements, not both.");
            }

            var names = elements.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            filter = () => SerializationFilter.ForElements(names);
        }

        return new FhirRendering(FhirMediaTypes.ChosenXml(context), FhirMediaTypes.Pretty(context), filter);
    }

    /// <summary>The request's format and indentation, ignoring any subset asked for.</summary>
    public static FhirRendering Whole(HttpContext context) => new(FhirMediaTypes.ChosenXml(context), FhirMediaTypes.Pretty(context), null);

    /// <summary>The resource as this request should see it: itself, or a tagged copy holding the subset asked for.</summary>
    public Resource Shape(Resource resource)
    {
        if (Filter is null || resource is OperationOutcome)
        {
            return resource;
        }

        var bytes = new System.Buffers.ArrayBufferWriter<byte>(2048);
        FhirJson.Serialize(resource, bytes, filter: Filter);
        var subset = FhirJson.ParseResource(bytes.WrittenSpan);
        subset.Meta ??= new Meta();
        subset.Meta.Tag.Add(new Coding(SubsettedSystem, "SUBSETTED", "subsetted"));
        return subset;
    }

    /// <summary>Writes a whole resource (already shaped) in the chosen format.</summary>
    public async Task WriteAsync(HttpContext context, Resource resource)
    {
        if (Xml)
        {
            await using var buffer = new MemoryStream();
            FhirXml.Serialize(resource, buffer, Pretty);
            buffer.Position = 0;
            await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
            return;
        }

        FhirJson.Serialize(resource, context.Response.BodyWriter, Pretty);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
