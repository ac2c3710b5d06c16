namespace ConsentApi.Consents;

/// <summary>
/// Tells whoever follows the Consent log on this instance (subscription delivery) that a version was just committed,
/// so it reads it now instead of at its next poll. Writes made on other instances are found by polling.
/// </summary>
public sealed class ConsentWrites
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Committed() => Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for the next commit on this instance, or at most <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await Volatile.Read(ref next).Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            // The poll interval passed: look anyway, for writes made on other instances.
        }
    }
}
