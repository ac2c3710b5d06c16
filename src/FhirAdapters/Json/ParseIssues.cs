using FhirAdapters.Outcomes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace FhirAdapters.Json;

/// <summary>Turns the SDK's parse errors into OperationOutcome issues that name the element and say what is wrong.</summary>
internal static class ParseIssues
{
    /// <summary>
    /// The SDK's checks that a well-formed resource breaks a FHIR value rule (a code outside its required set, a date that is
    /// not a date, a missing mandatory element, a string too long): content, answered 422 like any other rule. Everything
    /// else (bad JSON or XML, unknown or mistyped elements) is structure, answered 400.
    /// </summary>
    private static readonly HashSet<string> ContentRules =
        ["PVAL102", "PVAL103", "PVAL105", "PVAL114", "PVAL115", "PVAL116", "PVAL119", "PVAL120", "PVAL124", "PVAL125", "PVAL126"];

    public static IReadOnlyList<OperationOutcome.IssueComponent> From(IEnumerable<CodedException>? errors, string root)
    {
        var issues = new List<OperationOutcome.IssueComponent>();
        foreach (var error in errors ?? [])
        {
            if (error is ExtendedCodedException extended)
            {
                var where = extended.LineNumber is { } line ? $" (line {line}, position {extended.Position})" : "";
                var path = string.IsNullOrEmpty(extended.InstancePath) ? null : Rooted(extended.InstancePath, root);
                var code = ContentRules.Contains(error.ErrorCode) ? extended.IssueType.GetLiteral() : "structure";
                var issue = Issues.Of(extended.IssueSeverity == OperationOutcome.IssueSeverity.Warning ? "warning" : "error",
                    code, Rooted(extended.BaseErrorMessage, root).TrimEnd('.') + "." + where, path);
                issue.Details!.Coding.Add(new Coding("http://hl7.org/fhir/dotnet-api-operation-outcome", error.ErrorCode));
                issues.Add(issue);
            }
            else
            {
                issues.Add(Issues.Error("structure", error.Message));
            }
        }

        return issues.Count > 0 ? issues : [Issues.Error("structure", "The body could not be read as a FHIR resource.")];
    }

    /// <summary>The SDK names the root of a cardinality error <c>$this</c>; clients know it as the resource type.</summary>
    private static string Rooted(string text, string root) => text.Replace("$this", root, StringComparison.Ordinal);

    public static bool CheckType<T>(Resource? parsed, out T? resource, out IReadOnlyList<OperationOutcome.IssueComponent> issues)
        where T : Resource
    {
        if (parsed is T typed)
        {
            resource = typed;
            issues = [];
            return true;
        }

        resource = null;
        issues = [Issues.Error("invalid", $"Expected a {typeof(T).Name} resource but the body is a {parsed?.TypeName ?? "different resource"}.", "resourceType")];
        return false;
    }
}
