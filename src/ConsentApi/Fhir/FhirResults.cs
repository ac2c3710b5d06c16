using System.Globalization;
using System.Text;
using System.Text.Json;
using FhirAdapters.Json;
using FhirAdapters.Outcomes;
using Hl7.Fhir.Model;

namespace ConsentApi.Fhir;

/// <summary>
/// Writes FHIR resources (models, stored JSON or Bundles of stored JSON) with the headers FHIR clients rely on, in
/// the format and subset the request asked for. Stored JSON goes out as stored unless XML or a subset is wanted.
/// </summary>
public static class FhirResults
{
    public static IResult Resource(Resource resource, int status = 200, ResourceHeaders? headers = null) =>
        new Result(status, headers, async context =>
        {
            // Errors are always written whole: a bad _summary on an error response must not hide the error.
            var rendering = resource is OperationOutcome ? FhirRendering.Whole(context) : FhirRendering.For(context);
            await rendering.WriteAsync(context, rendering.Shape(resource));
        });

    /// <summary>Writes JSON exactly as stored (re-indented only when _pretty=true), or converted when XML or a subset is asked for.</summary>
    public static IResult StoredJson(string json, int status = 200, ResourceHeaders? headers = null) =>
        new Result(status, headers, async context =>
        {
            var rendering = FhirRendering.For(context);
            if (!rendering.AsStored)
            {
                await rendering.WriteAsync(context, rendering.Shape(FhirJson.ParseResource(Encoding.UTF8.GetBytes(json))));
                return;
            }

            if (!rendering.Pretty)
            {
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json), context.RequestAborted);
                return;
            }

            using var document = JsonDocument.Parse(json);
            await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, FhirJson.WriterOptions(indented: true)))
            {
                document.WriteTo(writer);
            }

            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        });

    /// <summary>A Bundle of stored resources: written around the stored bytes, or materialised when XML, _pretty or a subset is asked for.</summary>
    public static IResult Bundle(StoredBundle bundle, int status = 200) =>
        new Result(status, null, async context =>
        {
            var rendering = FhirRendering.For(context);
            if (rendering.AsStored && !rendering.Pretty)
            {
                await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, FhirJson.WriterOptions(indented: false)))
                {
                    StoredBundleWriter.Write(writer, bundle);
                }

                await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
                return;
            }

            var envelope = bundle.Envelope;
            for (var i = 0; i < envelope.Entry.Count; i++)
            {
                var entry = envelope.Entry[i];
                if (bundle.Stored[i] is { } json)
                {
                    entry.Resource = FhirJson.ParseResource(Encoding.UTF8.GetBytes(json));
                }

                if (entry.Resource is { } resource)
                {
                    entry.Resource = rendering.Shape(resource);
                }
            }

            await rendering.WriteAsync(context, envelope);
        });

    public static IResult Outcome(int status, string severity, string code, string diagnostics, string? expression = null) =>
        Resource(Issues.Outcome(severity, code, diagnostics, expression), status);

    public static string WeakETag(int version) => $"W/\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private sealed class Result(int status, ResourceHeaders? headers, Func<HttpContext, Task> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = FhirMediaTypes.Chosen(httpContext) + "; charset=utf-8";
            if (headers is not null)
            {
                if (headers.VersionId is { } version)
                {
                    response.Headers.ETag = WeakETag(version);
                }

                if (headers.LastModified is { } modified)
                {
                    response.Headers.LastModified = modified.ToString("R", CultureInfo.InvariantCulture);
                }

                if (headers.Location is { } location)
                {
                    response.Headers.Location = location;
                }
            }

            await write(httpContext);
        }
    }
}
