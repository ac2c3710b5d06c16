namespace ConsentApi.Decisions;

/// <summary>A person's active choices: almost always one, so the one is held inline and more go in an array.</summary>
public readonly struct PatientChoices
{
    private readonly Choice first;
    private readonly Choice[]? all;

    private PatientChoices(Choice first, Choice[]? all, int count)
    {
        this.first = first;
        this.all = all;
        Count = count;
    }

    public int Count { get; }

    public Choice this[int index] => all is null ? first : all[index];

    public static PatientChoices Of(IReadOnlyList<Choice> choices) => choices.Count switch
    {
        0 => default,
        1 => new PatientChoices(choices[0], null, 1),
        _ => new PatientChoices(default, [.. choices], choices.Count),
    };

    /// <summary>The choices other than those of Consent <paramref name="resourceId"/>, as a list to add to.</summary>
    public List<Choice> Without(string resourceId)
    {
        var list = ToList();
        list.RemoveAll(c => c.IsResource(resourceId));
        return list;
    }

    public List<Choice> ToList()
    {
        var list = new List<Choice>(Count + 1);
        for (var i = 0; i < Count; i++)
        {
            list.Add(this[i]);
        }

        return list;
    }
}
