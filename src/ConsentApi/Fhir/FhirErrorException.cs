using FhirAdapters.Outcomes;
using Hl7.Fhir.Model;

namespace ConsentApi.Fhir;

/// <summary>A client-facing FHIR error: the middleware answers it with <see cref="Outcome"/> and <see cref="StatusCode"/>.</summary>
public sealed class FhirErrorException : Exception
{
    public FhirErrorException(int statusCode, OperationOutcome outcome)
        : base(string.Join("; ", outcome.Issue?.Select(i => i.Diagnostics) ?? []))
    {
        StatusCode = statusCode;
        Outcome = outcome;
    }

    public FhirErrorException(int statusCode, string code, string diagnostics, string? expression = null)
        : this(statusCode, Issues.Outcome("error", code, diagnostics, expression))
    {
    }

    public FhirErrorException()
        : this(500, "exception", "Unknown error.")
    {
    }

    public FhirErrorException(string message)
        : this(400, "invalid", message)
    {
    }

    public FhirErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
        Outcome = Issues.Outcome("error", "invalid", message);
    }

    public int StatusCode { get; }
    public OperationOutcome Outcome { get; }
}
