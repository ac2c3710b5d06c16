using System.Collections;
using FhirAdapters.Model;

namespace FhirAdapters.Validation;

/// <summary>Contained resources: dom-2, dom-3, dom-4, and ref-1 for local (#id) references.</summary>
internal static class ContainedRules
{
    public static void Check(DomainResource resource, string path, List<OperationOutcomeIssue> issues, bool isContained)
    {
        if (isContained && resource.Contained is { Count: > 0 })
        {
            issues.Add(OperationOutcomeIssue.Error("invariant", $"{path} is contained and cannot itself contain resources (dom-2).", path));
        }

        if (isContained && resource.Meta is { } meta && (meta.VersionId is not null || meta.LastUpdated is not null))
        {
            issues.Add(OperationOutcomeIssue.Error("invariant", $"{path} is contained and cannot have meta.versionId or meta.lastUpdated (dom-4).", path));
        }

        if (isContained)
        {
            return;
        }

        var containedIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (resource.Contained?.Count ?? 0); i++)
        {
            var id = resource.Contained![i].Id;
            if (id is null)
            {
                issues.Add(OperationOutcomeIssue.Error("required", $"{path}.contained[{i}] needs an id so that it can be referenced.", $"{path}.contained[{i}]"));
            }
            else if (!containedIds.Add(id))
            {
                issues.Add(OperationOutcomeIssue.Error("invariant", $"{path}.contained[{i}] repeats the id '{id}'.", $"{path}.contained[{i}]"));
            }
        }

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        CollectLocalReferences(resource, path, referenced, containedIds, issues);
        foreach (var id in containedIds.Where(id => !referenced.Contains(id)))
        {
            issues.Add(OperationOutcomeIssue.Error("invariant",
                $"{path} contains a resource with id '{id}' that nothing references; reference it as '#{id}' or leave it out (dom-3).", path + ".contained"));
        }
    }

    private static void CollectLocalReferences(Base obj, string path, HashSet<string> referenced, HashSet<string> containedIds,
        List<OperationOutcomeIssue> issues)
    {
        if (obj is Reference { ReferenceValue: { } value } && value.StartsWith('#'))
        {
            var id = value[1..];
            if (id.Length > 0 && !containedIds.Contains(id))
            {
                issues.Add(OperationOutcomeIssue.Error("invariant",
                    $"{path}.reference '{value}' points to a contained resource that is not there (ref-1).", path + ".reference"));
            }

            referenced.Add(id);
        }

        foreach (var element in obj.TypeInfo.Elements)
        {
            if (element.Kind == ElementKind.Resource)
            {
                continue;
            }

            switch (element.Get(obj))
            {
                case IList list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is Base child)
                        {
                            CollectLocalReferences(child, $"{path}.{element.Name}[{i}]", referenced, containedIds, issues);
                        }
                    }

                    break;
                case Base child:
                    CollectLocalReferences(child, $"{path}.{element.Name}", referenced, containedIds, issues);
                    break;
            }
        }
    }
}
