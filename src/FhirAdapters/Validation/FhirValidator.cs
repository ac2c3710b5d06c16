using System.Collections;
using FhirAdapters.Model;

namespace FhirAdapters.Validation;

/// <summary>
/// Checks any modelled resource against the R4 rules that hold for every resource: cardinality, primitive
/// formats (the spec's regexes, real calendar dates), required bindings, ele-1, ext-1, per-1, dom-2/3/4, ref-1,
/// safe narrative XHTML, unknown modifier extensions, and well-formed NHS numbers and ODS codes wherever an
/// identifier uses those systems.
/// </summary>
public static class FhirValidator
{
    public static IReadOnlyList<OperationOutcomeIssue> Validate(Resource resource)
    {
        var issues = new List<OperationOutcomeIssue>();
        ValidateResource(resource, resource.ResourceType, issues, isContained: false);
        return issues;
    }

    internal static void ValidateResource(Resource resource, string path, List<OperationOutcomeIssue> issues, bool isContained)
    {
        if (resource is RawResource raw)
        {
            issues.Add(OperationOutcomeIssue.Of("information", "informational",
                $"{path} is a contained {raw.ResourceType}; the registry keeps it as sent without validating its content.", path));
            return;
        }

        Walk(resource, path, issues);
        if (resource is DomainResource domain)
        {
            ContainedRules.Check(domain, path, issues, isContained);
        }
    }

    private static void Walk(Base obj, string path, List<OperationOutcomeIssue> issues)
    {
        foreach (var element in obj.TypeInfo.Elements)
        {
            var value = element.Get(obj);
            var elementPath = element.Kind == ElementKind.Choice && value is DataType dt
                ? path + "." + element.Name + ChoiceSuffix(dt)
                : path + "." + element.Name;
            var count = value switch
            {
                null => 0,
                IList list => list.Count,
                _ => 1,
            };
            if (count == 0 && obj.GetSiblings(element.Name) is { Count: > 0 })
            {
                count = 1;
            }

            if (count < element.Min)
            {
                var what = element.IsList ? "at least one value is required" : "it is required";
                issues.Add(OperationOutcomeIssue.Error("required", $"{elementPath} is missing: {what} ({element.Min}..{(element.IsList ? "*" : "1")}).", elementPath));
            }

            if (value is null)
            {
                continue;
            }

            if (element.IsList)
            {
                var list = (IList)value;
                CheckSiblingAlignment(obj, element, list.Count, elementPath, issues);
                for (var i = 0; i < list.Count; i++)
                {
                    CheckValue(element, list[i]!, $"{elementPath}[{i}]", issues);
                }
            }
            else
            {
                CheckValue(element, value, elementPath, issues);
            }
        }

        ElementRules.Check(obj, path, issues);
    }

    private static string ChoiceSuffix(DataType value)
    {
        var name = value is FhirPrimitive p ? FhirPrimitives.Name(p.Type) : value.FhirTypeName;
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static void CheckSiblingAlignment(Base obj, ElementInfo element, int count, string path, List<OperationOutcomeIssue> issues)
    {
        var siblings = obj.GetSiblings(element.Name);
        if (siblings is not null && siblings.Count != count)
        {
            issues.Add(OperationOutcomeIssue.Error("structure",
                $"{path}: the '_{element.Name}' array has {siblings.Count} entries but '{element.Name}' has {count}; they must line up one to one.", path));
        }
    }

    private static void CheckValue(ElementInfo element, object value, string path, List<OperationOutcomeIssue> issues)
    {
        switch (value)
        {
            case Resource resource:
                ValidateResource(resource, path, issues, isContained: element.Name == "contained");
                return;
            case FhirPrimitive primitive:
                if (primitive.Value is not null)
                {
                    CheckPrimitive(primitive.Type, primitive.Value, path, issues);
                }

                Walk(primitive, path, issues);
                return;
            case Base child:
                if (Json.FhirJsonWriter.IsEmpty(child))
                {
                    issues.Add(OperationOutcomeIssue.Error("invariant",
                        $"{path} is empty (ele-1: every element must have a value or children); leave it out or fill it in.", path));
                    return;
                }

                Walk(child, path, issues);
                return;
            case string text:
                CheckPrimitive(element.Primitive, text, path, issues);
                if (element.Binding is { } binding && !binding.Codes.Contains(text))
                {
                    issues.Add(OperationOutcomeIssue.Error("code-invalid",
                        $"{path} has '{text}', which is not in the required value set {binding.ValueSet}; use one of: {string.Join(", ", binding.Codes)}.", path));
                }

                return;
            case int number:
                if ((element.Primitive == FhirPrimitiveType.PositiveInt && number < 1) || (element.Primitive == FhirPrimitiveType.UnsignedInt && number < 0))
                {
                    issues.Add(OperationOutcomeIssue.Error("value", $"{path} is {number}, but must be {FhirPrimitives.Describe(element.Primitive)}.", path));
                }

                return;
        }
    }

    private static void CheckPrimitive(FhirPrimitiveType type, string text, string path, List<OperationOutcomeIssue> issues)
    {
        if (!FhirPrimitives.IsValid(type, text))
        {
            var shown = text.Length > 80 ? text[..80] + "..." : text;
            issues.Add(OperationOutcomeIssue.Error("value", $"{path} has '{shown}', which is not valid: expected {FhirPrimitives.Describe(type)}.", path));
        }
        else if (type == FhirPrimitiveType.Xhtml)
        {
            NarrativeRules.Check(text, path, issues);
        }
    }

}
