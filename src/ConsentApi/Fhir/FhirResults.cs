using System.Globalization;
using System.Text;
using System.Text.Json;
using FhirAdapters.Json;
using FhirAdapters.Model;

namespace ConsentApi.Fhir;

/// <summary>Writes FHIR resources (models or stored JSON) with the headers FHIR clients rely on.</summary>
public static class FhirResults
{
    public static IResult Resource(Resource resource, int status = 200, ResourceHeaders? headers = null) =>
        new Result(status, headers, async (context, _) =>
        {
            FhirJson.Serialize(resource, context.Response.BodyWriter, FhirMediaTypes.Pretty(context));
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        });

    /// <summary>Writes JSON exactly as stored (re-indented only when _pretty=true).</summary>
    public static IResult StoredJson(string json, int status = 200, ResourceHeaders? headers = null) =>
        new Result(status, headers, async (context, stream) =>
        {
            if (!FhirMediaTypes.Pretty(context))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(json), context.RequestAborted);
                return;
            }

            using var document = JsonDocument.Parse(json);
            await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, FhirJson.WriterOptions(indented: true)))
            {
                document.WriteTo(writer);
            }

            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        });

    public static IResult Outcome(int status, string severity, string code, string diagnostics, string? expression = null) =>
        Resource(OperationOutcome.Of(severity, code, diagnostics, expression), status);

    public static string WeakETag(int version) => $"W/\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private sealed class Result(int status, ResourceHeaders? headers, Func<HttpContext, Stream, Task> write) : IResult
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

            await write(httpContext, response.Body);
        }
    }
}
