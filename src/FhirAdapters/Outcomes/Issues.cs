using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace FhirAdapters.Outcomes;

/// <summary>
/// Builds the OperationOutcome issues the registry answers with. Every issue carries the message twice: in
/// <c>diagnostics</c> and in <c>details.text</c>, with <c>details.coding</c> naming the kind of problem, so a client that
/// prints only one of them (many print <c>details</c>) still shows what to fix.
/// </summary>
public static class Issues
{
    /// <summary>The registry's codes for <c>OperationOutcome.issue.details</c>: the issue type, as a code a client can switch on.</summary>
    public const string DetailsSystem = "https://consentregistry.example/fhir/CodeSystem/issue-detail";

    public static OperationOutcome.IssueComponent Of(string severity, string code, string diagnostics, string? expression = null)
    {
        var issue = new OperationOutcome.IssueComponent
        {
            Severity = EnumUtility.ParseLiteral<OperationOutcome.IssueSeverity>(severity)
                ?? throw new ArgumentException($"'{severity}' is not an issue severity.", nameof(severity)),
            Code = EnumUtility.ParseLiteral<OperationOutcome.IssueType>(code)
                ?? throw new ArgumentException($"'{code}' is not an issue type.", nameof(code)),
            Diagnostics = diagnostics,
            Details = new CodeableConcept { Coding = [new Coding(DetailsSystem, code)], Text = diagnostics },
        };
        if (expression is not null)
        {
            issue.Expression = [expression];
        }

        return issue;
    }

    public static OperationOutcome.IssueComponent Error(string code, string diagnostics, string? expression = null) =>
        Of("error", code, diagnostics, expression);

    /// <summary>An outcome with one issue.</summary>
    public static OperationOutcome Outcome(string severity, string code, string diagnostics, string? expression = null) =>
        new() { Issue = [Of(severity, code, diagnostics, expression)] };

    /// <summary>An outcome of the given issues.</summary>
    public static OperationOutcome Outcome(IEnumerable<OperationOutcome.IssueComponent> issues) => new() { Issue = [.. issues] };

    /// <summary>The issue's severity as written in FHIR (<c>error</c>, <c>warning</c>, ...).</summary>
    public static bool IsError(this OperationOutcome.IssueComponent issue) =>
        issue.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal;

    /// <summary>An error in how the body is written (syntax, unknown or mistyped elements) rather than in what it says.</summary>
    public static bool IsStructural(this OperationOutcome.IssueComponent issue) =>
        issue.IsError() && issue.Code is not (OperationOutcome.IssueType.CodeInvalid or OperationOutcome.IssueType.Value or OperationOutcome.IssueType.Required
            or OperationOutcome.IssueType.TooLong);

    /// <summary>The message of an issue: diagnostics, else details.text.</summary>
    public static string Message(this OperationOutcome.IssueComponent issue) =>
        issue.Diagnostics ?? issue.Details?.Text ?? issue.Code?.GetLiteral() ?? "unknown problem";

    /// <summary>The severity as the FHIR code.</summary>
    public static string SeverityCode(this OperationOutcome.IssueComponent issue) => issue.Severity?.GetLiteral() ?? "error";

    /// <summary>The issue type as the FHIR code.</summary>
    public static string TypeCode(this OperationOutcome.IssueComponent issue) => issue.Code?.GetLiteral() ?? "processing";
}
