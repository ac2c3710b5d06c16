using System.Collections.Concurrent;

namespace ConsentApi.Decisions;

/// <summary>
/// Every person's active choices, in memory, for decisions without a database round trip. The bulk of it is a
/// dictionary built once at start-up and never changed after (so reads need no lock); changes since then go to a
/// concurrent overlay that is consulted first. Only <see cref="DecisionIndexSync"/> changes it, in database order.
/// </summary>
public sealed class DecisionIndex
{
    private readonly ConcurrentDictionary<long, PatientChoices> changes = new();
    private volatile Dictionary<long, PatientChoices> frozen = [];

    /// <summary>The highest consent_versions.seq reflected here.</summary>
    public long AppliedSeq { get; private set; }

    public PatientChoices Get(long nhsNumber) =>
        changes.TryGetValue(nhsNumber, out var changed) ? changed
        : frozen.TryGetValue(nhsNumber, out var choices) ? choices
        : default;

    /// <summary>Everyone with at least one active choice, with those choices (a moment's view: writes may land meanwhile).</summary>
    public IEnumerable<KeyValuePair<long, PatientChoices>> People()
    {
        foreach (var person in frozen)
        {
            if (!changes.ContainsKey(person.Key))
            {
                yield return person;
            }
        }

        foreach (var person in changes)
        {
            if (person.Value.Count > 0)
            {
                yield return person;
            }
        }
    }

    internal void Load(Dictionary<long, PatientChoices> built, long seq)
    {
        frozen = built;
        changes.Clear();
        AppliedSeq = seq;
    }

    /// <summary>Moves a Consent to its new state: removed from whoever held it, then added if it is an active choice.</summary>
    internal void Apply(string resourceId, long? previousNhs, long? nhs, Choice? choice, long seq)
    {
        if (previousNhs is { } before && before != nhs)
        {
            changes[before] = PatientChoices.Of(Get(before).Without(resourceId));
        }

        if (nhs is { } now)
        {
            var list = Get(now).Without(resourceId);
            if (choice is { } added)
            {
                list.Add(added);
            }

            changes[now] = PatientChoices.Of(list);
        }

        AppliedSeq = Math.Max(AppliedSeq, seq);
    }
}
