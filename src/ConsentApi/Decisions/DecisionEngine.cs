using System.Collections.Concurrent;
using System.Globalization;
using ConsentApi.Policies;

namespace ConsentApi.Decisions;

/// <summary>
/// Applies the decision rules (docs/decision-rules.md) to one request, for one person or for millions: the
/// policies that govern the purpose and source are worked out once, and so is the answer for everyone with no
/// choice recorded, so a bulk check only does real work for the few who have made a choice.
/// </summary>
public sealed class DecisionEngine
{
    private readonly DecisionIndex index;
    private readonly PolicyCatalogue catalogue;
    private readonly DecisionRequest request;
    private readonly LegalBasis? legalBasis;
    private readonly int[] governing;
    private readonly Decision noChoice;

    public DecisionEngine(DecisionIndex index, PolicyCatalogue catalogue, DecisionRequest request)
    {
        this.index = index;
        this.catalogue = catalogue;
        this.request = request;
        legalBasis = request.LegalBasis is null ? null : catalogue.LegalBasis(request.LegalBasis);

        // What does not depend on the person or the moment is worked out once per kind of request and kept.
        var key = new PlanKey(catalogue.Document, request.PurposeSystem, request.PurposeCode, request.ActorOds, request.Source, request.LegalBasis);
        if (!Plans.TryGetValue(key, out var plan))
        {
            var policies = catalogue.Policies;
            int[] speaking = [.. Enumerable.Range(0, policies.Count)
                .Where(i => policies[i].Governs(request.PurposeSystem, request.PurposeCode) && policies[i].CoversSource(request.Source))];
            plan = (speaking, Combine([.. speaking.Select(i => Default(policies[i]))]));
            if (Plans.Count > MaxPlans)
            {
                Plans.Clear();
            }

            Plans[key] = plan;
        }

        (governing, noChoice) = plan;
    }

    private const int MaxPlans = 10_000;
    private static readonly ConcurrentDictionary<PlanKey, (int[] Governing, Decision NoChoice)> Plans = new();

    private readonly record struct PlanKey(PolicyCatalogueDocument Catalogue, string? PurposeSystem, string PurposeCode, string Actor, string? Source,
        string? LegalBasis);

    /// <summary>The decision for a person with no choice under any governing policy (the same for all of them).</summary>
    public Decision NoChoice => noChoice;

    public Decision Decide(long nhsNumber)
    {
        var choices = index.Get(nhsNumber);
        if (choices.Count == 0 || governing.Length == 0)
        {
            return noChoice;
        }

        var outcomes = new PolicyOutcome[governing.Length];
        var any = false;
        for (var g = 0; g < governing.Length; g++)
        {
            var policyIndex = governing[g];
            Choice? best = null;
            var bestDeny = false;
            for (var i = 0; i < choices.Count; i++)
            {
                var choice = choices[i];
                if (choice.PolicyIndex != policyIndex
                    || choice.Rule.Decide(request.PurposeSystem, request.PurposeCode, request.ActorOds, request.AtTicks) is not { } deny)
                {
                    continue;
                }

                if (best is not { } current || choice.IsNewerThan(current))
                {
                    best = choice;
                    bestDeny = deny;
                }
            }

            var policy = catalogue.Policies[policyIndex];
            any |= best is not null;
            outcomes[g] = best is null ? Default(policy) : new PolicyOutcome(policy, bestDeny, best, bestDeny && policy.Exempts(request.LegalBasis));
        }

        return any ? Combine(outcomes) : noChoice;
    }

    private static PolicyOutcome Default(PolicyDefinition policy) => new(policy, policy.DefaultDecision == "deny", null, false);

    private Decision Combine(PolicyOutcome[] outcomes)
    {
        // A deny for the requested purpose beats any permit; an objection beats a default deny as the reason given.
        var deny = outcomes.FirstOrDefault(o => o.IsObjection && !o.Exempted) ?? outcomes.FirstOrDefault(o => o.Deny && !o.Exempted);
        if (deny is not null)
        {
            return new Decision(false, deny.Policy, deny.Basis, DenyText(deny), null, outcomes);
        }

        var exempted = outcomes.FirstOrDefault(o => o.Exempted);
        if (exempted is not null)
        {
            return new Decision(true, exempted.Policy, exempted.Basis, ExemptText(exempted), legalBasis, outcomes);
        }

        var permit = outcomes.Where(o => o.Basis is not null).OrderByDescending(o => o.Basis!.Value.RecordedTicks).FirstOrDefault()
            ?? outcomes.FirstOrDefault();
        return permit is null
            ? new Decision(true, null, null,
                $"No policy in the catalogue governs purpose {request.Purpose}{SourceText()}, so no choice recorded here restricts it.", null, outcomes)
            : new Decision(true, permit.Policy, permit.Basis, PermitText(permit), null, outcomes);
    }

    private string DenyText(PolicyOutcome o)
    {
        var text = o.Basis is { } basis
            ? $"{o.Policy.Title}: the person's choice made {Date(basis)} ({Reference(basis)}) objects to {request.Purpose} by {request.ActorOds}."
            : $"{o.Policy.Title}: no choice is recorded, and this policy does not allow {request.Purpose} unless the person opts in.";
        if (request.LegalBasis is { } code && o.IsObjection)
        {
            text += $" The legal basis '{code}' is not an exemption under this policy"
                + (o.Policy.Exemptions.Count == 0 ? " (it has none)." : $" (its exemptions: {string.Join(", ", o.Policy.Exemptions)}).");
        }

        return text;
    }

    private string ExemptText(PolicyOutcome o) =>
        $"{o.Policy.Title}: the person objects ({Reference(o.Basis!.Value)}), but the objection does not apply to this request because of its legal basis, "
        + $"{legalBasis?.Title ?? request.LegalBasis} ({request.LegalBasis}), an exemption under this policy. The objection was considered and the override recorded; the person can see it.";

    private string PermitText(PolicyOutcome o) => o.Basis is { } basis
        ? $"{o.Policy.Title}: the person's choice made {Date(basis)} ({Reference(basis)}) permits {request.Purpose} by {request.ActorOds}."
        : $"{o.Policy.Title}: no choice is recorded, and by default this policy permits {request.Purpose}.";

    private string SourceText() => request.Source is null ? string.Empty : $" from source '{request.Source}'";

    private static string Reference(Choice c) => $"Consent/{c.ResourceId}/_history/{c.VersionId.ToString(CultureInfo.InvariantCulture)}";

    private static string Date(Choice c) => "on " + new DateTime(c.RecordedTicks, DateTimeKind.Utc).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
