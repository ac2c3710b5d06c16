using FhirAdapters.Model;
using FhirAdapters.Primitives;

namespace FhirAdapters.Validation;

/// <summary>Invariants of single data types: ext-1, per-1, modifier extensions, NHS numbers and ODS codes.</summary>
internal static class ElementRules
{
    public static void Check(Base obj, string path, List<OperationOutcomeIssue> issues)
    {
        switch (obj)
        {
            case Extension extension:
                var hasValue = extension.Value is not null;
                var hasChildren = extension.Extension is { Count: > 0 };
                if (hasValue == hasChildren)
                {
                    issues.Add(OperationOutcomeIssue.Error("invariant",
                        $"{path} must have either a value[x] or nested extensions, not {(hasValue ? "both" : "neither")} (ext-1).", path));
                }

                break;
            case Period period:
                if (FhirDateTime.TryParse(period.Start, out var start) && FhirDateTime.TryParse(period.End, out var end)
                    && start.Start > end.EndInclusive)
                {
                    issues.Add(OperationOutcomeIssue.Error("invariant",
                        $"{path}.start ({period.Start}) is after {path}.end ({period.End}) (per-1).", path + ".start"));
                }

                break;
            case Identifier identifier:
                CheckIdentifier(identifier, path, issues);
                break;
        }

        var modifiers = obj switch
        {
            BackboneElement backbone => backbone.ModifierExtension,
            DomainResource domain => domain.ModifierExtension,
            _ => null,
        };
        if (modifiers is { Count: > 0 })
        {
            for (var i = 0; i < modifiers.Count; i++)
            {
                issues.Add(OperationOutcomeIssue.Error("not-supported",
                    $"{path}.modifierExtension[{i}] ({modifiers[i].Url}) changes the meaning of the resource and this registry does not understand it, so the resource cannot be accepted.",
                    $"{path}.modifierExtension[{i}]"));
            }
        }
    }

    private static void CheckIdentifier(Identifier identifier, string path, List<OperationOutcomeIssue> issues)
    {
        if (identifier.System == NhsNumber.System && NhsNumber.Problem(identifier.Value) is { } problem)
        {
            issues.Add(OperationOutcomeIssue.Error("value", $"{path}.value '{identifier.Value}' is not a valid NHS number: {problem}.", path + ".value"));
        }
        else if (identifier.System == OdsCode.System && !OdsCode.IsValid(identifier.Value))
        {
            issues.Add(OperationOutcomeIssue.Error("value",
                $"{path}.value '{identifier.Value}' is not a valid ODS code: 3 to 10 upper-case letters and digits, e.g. A81001.", path + ".value"));
        }
    }
}
