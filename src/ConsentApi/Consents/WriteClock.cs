namespace ConsentApi.Consents;

/// <summary>The time a Consent write records (its version's last update, its audit record): now, to the whole millisecond.</summary>
internal static class WriteClock
{
    public static DateTimeOffset Now(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond));
    }
}
