using System.Collections.Concurrent;
using ConsentApi.Fhir;

namespace ConsentApi.Decisions;

/// <summary>
/// Every person's active choices, in memory, for decisions without a database round trip. The bulk of it is a
/// dictionary built once at start-up and never changed after (so reads need no lock); changes since then go to a
/// concurrent overlay that is consulted first. Only <see cref="DecisionIndexSync"/> changes it, in database order.
/// Until it is built and caught up after a start (<see cref="Ready"/>), asking it anything is refused with a 503: a
/// decision is exact or not given (decision 21).
/// </summary>
public sealed class DecisionIndex
{
    private readonly ConcurrentDictionary<long, PatientChoices> changes = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Dictionary<long, PatientChoices> frozen = [];

    /// <summary>The highest consent_versions.seq reflected here.</summary>
    public long AppliedSeq { get; private set; }

    /// <summary>Completes once the index holds every Consent committed before it was marked ready.</summary>
    public Task Ready => ready.Task;

    public bool IsReady => ready.Task.IsCompleted;

    public PatientChoices Get(long nhsNumber)
    {
        RequireReady();
        return Peek(nhsNumber);
    }

    /// <summary>Everyone with at least one active choice, with those choices (a moment's view: writes may land meanwhile).</summary>
    public IEnumerable<KeyValuePair<long, PatientChoices>> People()
    {
        RequireReady();
        return Everyone();
    }

    /// <summary>Refuses (503, transient) anything that needs a decision before the index is ready.</summary>
    public void RequireReady()
    {
        if (!IsReady)
        {
            throw new FhirErrorException(StatusCodes.Status503ServiceUnavailable, "transient",
                "This registry node has just started and is still loading everyone's choices, so it cannot decide yet. Reads and searches work now; retry the decision after the Retry-After interval.");
        }
    }

    private PatientChoices Peek(long nhsNumber) =>
        changes.TryGetValue(nhsNumber, out var changed) ? changed
        : frozen.TryGetValue(nhsNumber, out var choices) ? choices
        : default;

    private IEnumerable<KeyValuePair<long, PatientChoices>> Everyone()
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

    /// <summary>Replaces the whole index. It is not ready until <see cref="MarkReady"/>: the sync first catches up.</summary>
    internal void Load(Dictionary<long, PatientChoices> built, long seq)
    {
        frozen = built;
        changes.Clear();
        AppliedSeq = seq;
    }

    internal void MarkReady() => ready.TrySetResult();

    /// <summary>Moves a Consent to its new state: removed from whoever held it, then added if it is an active choice.</summary>
    internal void Apply(string resourceId, long? previousNhs, long? nhs, Choice? choice, long seq)
    {
        if (previousNhs is { } before && before != nhs)
        {
            changes[before] = PatientChoices.Of(Peek(before).Without(resourceId));
        }

        if (nhs is { } now)
        {
            var list = Peek(now).Without(resourceId);
            if (choice is { } added)
            {
                list.Add(added);
            }

            changes[now] = PatientChoices.Of(list);
        }

        AppliedSeq = Math.Max(AppliedSeq, seq);
    }
}
