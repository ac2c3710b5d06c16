namespace ConsentApi.BulkChecks;

/// <summary>Owns a bulk check's result for as long as it is being streamed, then deletes its spool.</summary>
public sealed class BulkCheckResultScope(BulkCheckResult value) : IAsyncDisposable
{
    public BulkCheckResult Value { get; } = value;

    public ValueTask DisposeAsync() => Value.Decisions.DisposeAsync();
}
