using FhirAdapters.Outcomes;
using Hl7.Fhir.Model;

namespace ConsentApi.Fhir;

/// <summary>
/// The FHIR protocol rules for everything under /fhir: content negotiation (406), request media type (415),
/// errors as OperationOutcome with the right status (including the router's empty 404/405), and unexpected
/// failures as a 500 OperationOutcome with a reference, never a stack trace.
/// </summary>
public sealed partial class FhirProtocolMiddleware(RequestDelegate next, ILogger<FhirProtocolMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, Microsoft.Extensions.Options.IOptions<FhirOptions> options)
    {
        var urlLength = (context.Request.Path.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0);
        if (urlLength > options.Value.MaxUrlLength)
        {
            FhirMediaTypes.Remember(context, FhirMediaTypes.FhirJson);
            await WriteAsync(context, 414, Issues.Outcome("error", "too-costly",
                $"The URL is {urlLength:N0} characters; this server reads at most {options.Value.MaxUrlLength:N0}. Send long searches as POST {{type}}/_search with a form body."));
            return;
        }

        if (!context.Request.Path.StartsWithSegments("/fhir", StringComparison.OrdinalIgnoreCase))
        {
            await PlainJsonAsync(context);
            return;
        }

        if (context.Request.Path.StartsWithSegments("/fhir/$check-opt-outs", StringComparison.OrdinalIgnoreCase))
        {
            // The bulk check speaks the national service's text format (or NDJSON); only its errors are FHIR JSON.
            FhirMediaTypes.Remember(context, FhirMediaTypes.FhirJson);
            await GuardedAsync(context);
            return;
        }

        var mediaType = FhirMediaTypes.Negotiate(context.Request);
        if (mediaType is null)
        {
            FhirMediaTypes.Remember(context, FhirMediaTypes.FhirJson);
            await WriteAsync(context, 406, Issues.Outcome("error", "not-supported",
                "This server produces FHIR JSON and FHIR XML: send Accept: application/fhir+json or application/fhir+xml, or _format=json or _format=xml."));
            return;
        }

        FhirMediaTypes.Remember(context, mediaType);
        if (!BodyTypeAcceptable(context.Request))
        {
            await WriteAsync(context, 415, Issues.Outcome("error", "not-supported",
                $"Content-Type '{context.Request.ContentType}' is not supported: send FHIR JSON as application/fhir+json or FHIR XML as application/fhir+xml, in UTF-8."));
            return;
        }

        await GuardedAsync(context);
    }

    /// <summary>The registry's plain JSON endpoints (policies, register, objections): their errors as OperationOutcome in application/json.</summary>
    private async Task PlainJsonAsync(HttpContext context)
    {
        FhirMediaTypes.Remember(context, FhirMediaTypes.Json);
        await GuardedAsync(context);
    }

    private async Task GuardedAsync(HttpContext context)
    {
        try
        {
            await next(context);
            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null
                && context.Response.ContentType is null)
            {
                await WriteAsync(context, context.Response.StatusCode, EmptyErrorOutcome(context));
            }
        }
        catch (FhirErrorException ex) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, ex.StatusCode, ex.Outcome);
        }
        catch (InvalidDataException ex) when (!context.Response.HasStarted)
        {
            // A form body that cannot be parsed (a broken multipart body, too many or too long keys).
            await WriteAsync(context, 400, Issues.Outcome("error", "structure",
                $"The request body could not be read as a form: {ex.Message} Send application/x-www-form-urlencoded."));
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var code = ex.StatusCode == 413 ? "too-costly" : "structure";
            await WriteAsync(context, ex.StatusCode, Issues.Outcome("error", code, $"The request could not be read: {ex.Message}"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            var reference = context.TraceIdentifier;
            LogUnexpected(logger, ex, reference);
            await WriteAsync(context, 500, Issues.Outcome("fatal", "exception",
                $"The server could not complete the request because of an internal fault. Nothing was changed. Quote reference {reference} when reporting it."));
        }
    }

    private static bool BodyTypeAcceptable(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method) && !HttpMethods.IsPatch(request.Method))
        {
            return true;
        }

        var isSearch = request.Path.Value?.EndsWith("/_search", StringComparison.Ordinal) == true;
        if (isSearch)
        {
            return request.ContentType is null || request.HasFormContentType;
        }

        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        return !hasBody && request.ContentType is null || FhirMediaTypes.IsAcceptableBody(request.ContentType);
    }

    private static OperationOutcome EmptyErrorOutcome(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var path = context.Request.Path.Value;
        var (code, text) = status switch
        {
            404 => ("not-found", $"There is nothing at {path}. This server supports Consent only: see {FhirBaseUrl.Get(context)}/metadata."),
            405 => ("not-supported", $"{context.Request.Method} is not supported on {path}. Allowed: {context.Response.Headers.Allow}."),
            413 => ("too-costly", "The request body is too large."),
            _ => ("processing", $"The request failed with status {status}."),
        };
        return Issues.Outcome("error", code, text);
    }

    private static async Task WriteAsync(HttpContext context, int status, OperationOutcome outcome)
    {
        var allow = context.Response.Headers.Allow;
        context.Response.Clear();
        if (allow.Count > 0)
        {
            context.Response.Headers.Allow = allow;
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5"; // the registry's 503s are a node still starting: seconds, not minutes
        }

        await FhirResults.Resource(outcome, status).ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure handling a FHIR request (reference {Reference})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string reference);
}
