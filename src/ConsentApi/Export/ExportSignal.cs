namespace ConsentApi.Export;

/// <summary>Wakes this instance's export worker when a job is queued here (others find it at their next poll).</summary>
public sealed class ExportSignal : IDisposable
{
    private readonly SemaphoreSlim queued = new(0, 1);

    public void Queued()
    {
        if (queued.CurrentCount == 0)
        {
            try
            {
                queued.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    public void Dispose() => queued.Dispose();

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => queued.WaitAsync(timeout, ct);
}
