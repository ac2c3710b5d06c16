using FhirAdapters.Outcomes;
using Hl7.Fhir.Model;

namespace FhirAdapters.Json;

/// <summary>The body could not be read as the expected FHIR resource; <see cref="Issues"/> says where and why.</summary>
public sealed class FhirParseException : Exception
{
    public FhirParseException(IReadOnlyList<OperationOutcome.IssueComponent> issues)
        : base(string.Join("; ", issues.Select(i => i.Message())))
    {
        Issues = issues;
    }

    public FhirParseException()
        : this([])
    {
    }

    public FhirParseException(string message)
        : this([Outcomes.Issues.Error("structure", message)])
    {
    }

    public FhirParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Issues = [Outcomes.Issues.Error("structure", message)];
    }

    public IReadOnlyList<OperationOutcome.IssueComponent> Issues { get; }

    public OperationOutcome ToOperationOutcome() => new() { Issue = [.. Issues] };
}
