using FhirAdapters.Model;

namespace FhirAdapters.Json;

/// <summary>The JSON could not be read as the expected FHIR resource; <see cref="Issues"/> says where and why.</summary>
public sealed class FhirParseException : Exception
{
    public FhirParseException(IReadOnlyList<OperationOutcomeIssue> issues)
        : base(string.Join("; ", issues.Select(i => i.Diagnostics)))
    {
        Issues = issues;
    }

    public FhirParseException()
        : this([])
    {
    }

    public FhirParseException(string message)
        : this([OperationOutcomeIssue.Error("structure", message)])
    {
    }

    public FhirParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Issues = [OperationOutcomeIssue.Error("structure", message)];
    }

    public IReadOnlyList<OperationOutcomeIssue> Issues { get; }

    public OperationOutcome ToOperationOutcome() => new() { Issue = [.. Issues] };
}
