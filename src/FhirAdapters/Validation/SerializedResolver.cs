using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;

namespace FhirAdapters.Validation;

/// <summary>
/// Lets one caller at a time into a resolver that is not safe for concurrent use. The SDK's snapshot generator keeps
/// per-operation state and refuses a second generation while one is running ("Invalid snapshot generator state"),
/// which two requests validating at once after start-up would otherwise hit. It sits below the cache, so only a
/// definition's first resolution waits.
/// </summary>
internal sealed class SerializedResolver(IAsyncResourceResolver inner) : IAsyncResourceResolver, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<Resource?> ResolveByUriAsync(string uri) => (await TryResolveByUriAsync(uri).ConfigureAwait(false)).Value;

    public async Task<Resource?> ResolveByCanonicalUriAsync(string uri) => (await TryResolveByCanonicalUriAsync(uri).ConfigureAwait(false)).Value;

    public Task<ResolverResult> TryResolveByUriAsync(string uri) => OneAtATime(() => inner.TryResolveByUriAsync(uri));

    public Task<ResolverResult> TryResolveByCanonicalUriAsync(string uri) => OneAtATime(() => inner.TryResolveByCanonicalUriAsync(uri));

    public void Dispose() => _gate.Dispose();

    private async Task<T> OneAtATime<T>(Func<Task<T>> resolve)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return await resolve().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
