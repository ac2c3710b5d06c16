using FhirAdapters.Json;
using FhirAdapters.Outcomes;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;

namespace ConsentApi.Fhir;

/// <summary>Reads a request body up to the configured limit; a larger body is answered with 413.</summary>
public static class FhirRequestBody
{
    public static async Task<byte[]> ReadAsync(HttpContext context)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<FhirOptions>>().Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads the body and parses it as FHIR JSON or FHIR XML, as its Content-Type says.</summary>
    public static async Task<(T? Resource, IReadOnlyList<OperationOutcome.IssueComponent> Issues)> ReadResourceAsync<T>(HttpContext context)
        where T : Resource
    {
        var body = await ReadAsync(context);
        var parsed = FhirMediaTypes.IsXmlBody(context.Request)
            ? FhirXml.TryParse<T>(body, out var resource, out var issues)
            : FhirJson.TryParse(body, out resource, out issues);
        return (parsed ? resource : null, issues);
    }

    /// <summary>
    /// The answer to a body that did not parse: 400 when it is not well-formed FHIR, 422 when it is but breaks a value rule
    /// (a code outside its required set, a date that is not a date), as profile and business rules are answered.
    /// </summary>
    public static FhirErrorException Refused(IReadOnlyList<OperationOutcome.IssueComponent> issues) =>
        new(issues.Any(i => i.IsStructural()) ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity,
            new OperationOutcome { Issue = [.. issues] });

    private static FhirErrorException TooLarge(int limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "too-costly", $"The request body is larger than this server accepts ({limit:N0} bytes).");
}
