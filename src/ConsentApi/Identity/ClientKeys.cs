using System.Collections.Concurrent;
using ConsentApi.Fhir;
using Microsoft.IdentityModel.Tokens;

namespace ConsentApi.Identity;

/// <summary>
/// A client's public keys: its registered JSON Web Key Set, or the set served at its JWKS URL (fetched, kept for five
/// minutes, fetched again sooner when an assertion names a key id the copy lacks).
/// </summary>
public sealed class ClientKeys(IHttpClientFactory http, TimeProvider time)
{
    public const string HttpClientName = "client-jwks";
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinRefetch = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Fetched, IReadOnlyList<SecurityKey> Keys)> fetched = new(StringComparer.Ordinal);

    /// <summary>Parses a JWKS holding only public RSA or EC keys; a 400 names the element when it is anything else.</summary>
    public static IReadOnlyList<SecurityKey> ParseJwks(string json, string element)
    {
        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (ArgumentException ex)
        {
            throw RequestValues.Bad(element, $"'{element}' is not a JSON Web Key Set: {ex.Message}");
        }

        if (set.Keys.Count == 0)
        {
            throw RequestValues.Bad(element, $"'{element}' has no keys.");
        }

        foreach (var key in set.Keys)
        {
            if (key.Kty is not (JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve))
            {
                throw RequestValues.Bad(element, $"Key '{key.Kid}' in '{element}' has kty '{key.Kty}': only RSA and EC public keys are accepted.");
            }

            if (key.HasPrivateKey || !string.IsNullOrEmpty(key.D))
            {
                throw RequestValues.Bad(element, $"Key '{key.Kid}' in '{element}' includes its private part. Register public keys only, and replace that key pair now.");
            }
        }

        return [.. set.GetSigningKeys()];
    }

    /// <summary>The keys to check an assertion from this client against.</summary>
    public async Task<IReadOnlyList<SecurityKey>> ForAsync(ApiClient client, string? kid, CancellationToken ct)
    {
        if (client.Jwks is not null)
        {
            return ParseJwks(client.Jwks, "jwks");
        }

        var url = client.JwksUrl!;
        var now = time.GetUtcNow();
        if (fetched.TryGetValue(url, out var cached))
        {
            var fresh = now - cached.Fetched < Keep;
            var knowsKid = kid is null || cached.Keys.Any(k => k.KeyId == kid);
            if (fresh && (knowsKid || now - cached.Fetched < MinRefetch))
            {
                return cached.Keys;
            }
        }

        var json = await http.CreateClient(HttpClientName).GetStringAsync(new Uri(url), ct);
        var keys = ParseJwks(json, "jwks_url");
        fetched[url] = (now, keys);
        return keys;
    }
}
