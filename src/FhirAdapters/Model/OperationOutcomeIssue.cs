namespace FhirAdapters.Model;

/// <summary>OperationOutcome.issue: one problem, with its severity, type, message and the element it concerns.</summary>
public sealed class OperationOutcomeIssue : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("OperationOutcome.issue", () => new OperationOutcomeIssue(),
    [
        .. BackboneMembers,
        Elements.Str<OperationOutcomeIssue>("severity", FhirPrimitiveType.Code, x => x.Severity, (x, v) => x.Severity = v, min: 1,
            binding: RequiredBinding.Of("http://hl7.org/fhir/ValueSet/issue-severity", "fatal", "error", "warning", "information")),
        Elements.Str<OperationOutcomeIssue>("code", FhirPrimitiveType.Code, x => x.Code, (x, v) => x.Code = v, min: 1),
        Elements.One<OperationOutcomeIssue, CodeableConcept>("details", () => CodeableConcept.Info, x => x.Details, (x, v) => x.Details = v),
        Elements.Str<OperationOutcomeIssue>("diagnostics", FhirPrimitiveType.String, x => x.Diagnostics, (x, v) => x.Diagnostics = v),
        Elements.StrList<OperationOutcomeIssue>("location", FhirPrimitiveType.String, x => x.Location, (x, v) => x.Location = v),
        Elements.StrList<OperationOutcomeIssue>("expression", FhirPrimitiveType.String, x => x.Expression, (x, v) => x.Expression = v),
    ]);

    /// <summary>fatal | error | warning | information.</summary>
    public string? Severity { get; set; }

    /// <summary>The issue type (http://hl7.org/fhir/issue-type), e.g. invalid, required, value, not-found.</summary>
    public string? Code { get; set; }
    public CodeableConcept? Details { get; set; }
    public string? Diagnostics { get; set; }
    public List<string>? Location { get; set; }

    /// <summary>FHIRPath of the element concerned, e.g. <c>Consent.provision.period.start</c>.</summary>
    public List<string>? Expression { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;

    public static OperationOutcomeIssue Of(string severity, string code, string diagnostics, string? expression = null) => new()
    {
        Severity = severity,
        Code = code,
        Diagnostics = diagnostics,
        Expression = expression is null ? null : [expression],
    };

    public static OperationOutcomeIssue Error(string code, string diagnostics, string? expression = null) =>
        Of("error", code, diagnostics, expression);
}
