using ConsentApi.Decisions;

namespace ConsentApi.Monitoring.Rates;

/// <summary>
/// Every version of the Consents written since a moment (their earlier versions too), so anyone they touch can be seen as they stood at any
/// cut after it: their untouched choices from the decision index plus each touched Consent's version current then.
/// </summary>
public sealed class ChoiceHistory(DecisionIndex index, IReadOnlyList<ChoiceHistory.Version> versions)
{
    /// <summary>One version of a touched Consent: when it was written, whose it was, and its active choice (if any).</summary>
    public sealed record Version(string ResourceId, long LastUpdatedTicks, long? Person, Choice? Choice);

    private readonly ILookup<string, Version> byResource = versions.ToLookup(v => v.ResourceId, StringComparer.Ordinal);
    private readonly Dictionary<long, HashSet<string>> byPerson = versions.Where(v => v.Person is not null)
        .GroupBy(v => v.Person!.Value)
        .ToDictionary(g => g.Key, g => g.Select(v => v.ResourceId).ToHashSet(StringComparer.Ordinal));

    /// <summary>Everyone any touched Consent has belonged to, at any of its versions.</summary>
    public IEnumerable<long> People => byPerson.Keys;

    /// <summary>The person's active choices as they stood just before <paramref name="cutTicks"/>.</summary>
    public List<Choice> ChoicesAt(long person, long cutTicks)
    {
        var touched = byPerson.TryGetValue(person, out var set) ? set : [];
        var current = index.Get(person);
        var result = new List<Choice>(current.Count + 1);
        for (var i = 0; i < current.Count; i++)
        {
            if (!touched.Contains(current[i].ResourceId))
            {
                result.Add(current[i]);
            }
        }

        foreach (var resource in touched)
        {
            var asThen = byResource[resource].LastOrDefault(v => v.LastUpdatedTicks < cutTicks);
            if (asThen is { Choice: { } choice, Person: { } owner } && owner == person)
            {
                result.Add(choice);
            }
        }

        return result;
    }

    public int Count => versions.Count;
}
