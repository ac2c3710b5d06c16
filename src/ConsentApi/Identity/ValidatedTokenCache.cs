using System.Collections.Concurrent;
using System.Security.Claims;

namespace ConsentApi.Identity;

/// <summary>
/// Access tokens already validated on this node, by their exact text, until they expire. A client sends the same
/// token for minutes at a time; checking its RSA signature once instead of on every request is most of the cost of
/// authentication. Only a byte-identical token hits, so nothing unvalidated is ever accepted; a disabled client is
/// still refused on every request. Bounded: when full it starts again empty.
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider time)
{
    private const int Capacity = 20_000;
    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTimeOffset Expires)> entries = new(StringComparer.Ordinal);

    public bool TryGet(string token, out ClaimsPrincipal? principal)
    {
        principal = null;
        if (!entries.TryGetValue(token, out var entry))
        {
            return false;
        }

        if (entry.Expires <= time.GetUtcNow())
        {
            entries.TryRemove(token, out _);
            return false;
        }

        principal = entry.Principal;
        return true;
    }

    public void Add(string token, ClaimsPrincipal principal, DateTimeOffset expires)
    {
        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        entries[token] = (principal, expires);
    }
}
