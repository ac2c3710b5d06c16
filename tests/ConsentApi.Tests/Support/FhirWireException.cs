using System.Net;
using Hl7.Fhir.Model;

namespace ConsentApi.Tests.Support;

/// <summary>The server answered with an error; <see cref="Outcome"/> holds its OperationOutcome when it sent one.</summary>
public sealed class FhirWireException : Exception
{
    public FhirWireException(HttpStatusCode status, OperationOutcome? outcome)
        : base($"FHIR server answered {(int)status} {status}: {Describe(outcome)}")
    {
        Status = status;
        Outcome = outcome;
    }

    public FhirWireException()
    {
    }

    public FhirWireException(string message)
        : base(message)
    {
    }

    public FhirWireException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode Status { get; }
    public OperationOutcome? Outcome { get; }

    private static string Describe(OperationOutcome? outcome) =>
        outcome?.Issue is { Count: > 0 } issues ? string.Join("; ", issues.Select(i => i.Diagnostics)) : "no OperationOutcome";
}
