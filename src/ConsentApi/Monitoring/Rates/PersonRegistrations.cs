namespace ConsentApi.Monitoring.Rates;

/// <summary>A person's registrations, latest inline (almost everyone has one) and earlier ones, oldest first, only for movers.</summary>
public readonly struct PersonRegistrations(Registration latest, Registration[]? earlier)
{
    public Registration Latest { get; } = latest;
    public IReadOnlyList<Registration> Earlier => earlier ?? [];
    public bool HasMoved => earlier is not null;

    /// <summary>The registration in force at <paramref name="ticks"/> (the earliest if the person was not yet registered).</summary>
    public Registration At(long ticks)
    {
        if (earlier is null || Latest.FromTicks <= ticks)
        {
            return Latest;
        }

        for (var i = earlier.Length - 1; i >= 0; i--)
        {
            if (earlier[i].FromTicks <= ticks)
            {
                return earlier[i];
            }
        }

        return earlier[0];
    }

    public PersonRegistrations With(Registration added)
    {
        if (added.FromTicks >= Latest.FromTicks)
        {
            return new PersonRegistrations(added, [.. Earlier, Latest]);
        }

        var all = Earlier.Append(added).OrderBy(r => r.FromTicks).ToArray();
        return new PersonRegistrations(Latest, all);
    }
}
