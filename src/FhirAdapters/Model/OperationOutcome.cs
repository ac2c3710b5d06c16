namespace FhirAdapters.Model;

/// <summary>FHIR OperationOutcome: the errors, warnings and information about an interaction.</summary>
public sealed class OperationOutcome : DomainResource
{
    internal static readonly FhirTypeInfo Info = new("OperationOutcome", () => new OperationOutcome(),
    [
        .. DomainMembers,
        Elements.Many<OperationOutcome, OperationOutcomeIssue>("issue", () => OperationOutcomeIssue.Info,
            x => x.Issue, (x, v) => x.Issue = v, min: 1),
    ], isResource: true);

    public List<OperationOutcomeIssue>? Issue { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;

    /// <summary>An outcome with one issue.</summary>
    public static OperationOutcome Of(string severity, string code, string diagnostics, string? expression = null) =>
        new() { Issue = [OperationOutcomeIssue.Of(severity, code, diagnostics, expression)] };
}
