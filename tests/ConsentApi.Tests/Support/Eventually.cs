namespace ConsentApi.Tests.Support;

/// <summary>Waits for something a background worker does (a delivery, a job) to come true, failing with what was awaited.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Within {seconds} s, this did not happen: {what}.");
    }

    public static Task TrueAsync(Func<bool> condition, string what, int seconds = 20) => TrueAsync(() => Task.FromResult(condition()), what, seconds);
}
