using System.Net;
using FhirAdapters.Model;

namespace FhirAdapters.Client;

/// <summary>The server answered with an error; <see cref="Outcome"/> holds its OperationOutcome when it sent one.</summary>
public sealed class FhirClientException : Exception
{
    public FhirClientException(HttpStatusCode status, OperationOutcome? outcome)
        : base($"FHIR server answered {(int)status} {status}: {Describe(outcome)}")
    {
        Status = status;
        Outcome = outcome;
    }

    public FhirClientException()
    {
    }

    public FhirClientException(string message)
        : base(message)
    {
    }

    public FhirClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode Status { get; }
    public OperationOutcome? Outcome { get; }

    private static string Describe(OperationOutcome? outcome) =>
        outcome?.Issue is { Count: > 0 } issues ? string.Join("; ", issues.Select(i => i.Diagnostics)) : "no OperationOutcome";
}
