using System.Security.Cryptography;
using ConsentApi.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ConsentApi.Identity;

/// <summary>
/// The registry's token-signing keys, kept in its database so they survive restarts and are shared by every node.
/// The newest key signs. A key that has been replaced still validates for one token lifetime (plus clock skew)
/// after its successor appeared, so rotation never invalidates a token in flight (decision 8).
/// </summary>
public sealed class SigningKeyStore(IServiceScopeFactory scopes, IOptions<AuthOptions> options, TimeProvider time, IDataProtectionProvider protection)
{
    public const string Algorithm = SecurityAlgorithms.RsaSha256;

    /// <summary>How a private key stored encrypted with Data Protection begins; keys stored before schema v11 are clear base64.</summary>
    public const string ProtectedPrefix = "dp1:";

    private readonly IDataProtector protector = protection.CreateProtector("ConsentRegistry.SigningKeys.v1");

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RSA> loaded = new(StringComparer.Ordinal);
    private volatile KeySet keys = KeySet.Empty;

    public SigningCredentials Current => keys.Signing ?? throw new InvalidOperationException("Signing keys have not been loaded.");

    /// <summary>The public keys that validate tokens now.</summary>
    public IReadOnlyList<SecurityKey> ValidationKeys => keys.Validation;

    /// <summary>The same keys as a JSON Web Key Set (public parts only), for /.well-known/jwks.json.</summary>
    public JsonWebKeySet PublicJwks => keys.Jwks;

    /// <summary>Loads the keys, creating the first one if the registry has none.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        // No key yet, or the newest was stored in clear (before keys were encrypted at rest): a new, encrypted key signs
        // from now on, and the clear one stops validating once the tokens it signed have expired.
        var newest = await db.SigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedTicks).Select(k => k.PrivateKey).FirstOrDefaultAsync(ct);
        if (newest is null || !newest.StartsWith(ProtectedPrefix, StringComparison.Ordinal))
        {
            await AddKeyAsync(db, ct);
        }

        await ReloadAsync(db, ct);
    }

    /// <summary>Adds a new signing key, which signs from now on; returns its key id.</summary>
    public async Task<string> RotateAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var kid = await AddKeyAsync(db, ct);
        await ReloadAsync(db, ct);
        return kid;
    }

    /// <summary>Picks up keys added by other nodes.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await ReloadAsync(scope.ServiceProvider.GetRequiredService<RegistryDbContext>(), ct);
    }

    private async Task<string> AddKeyAsync(RegistryDbContext db, CancellationToken ct)
    {
        using var rsa = RSA.Create(2048);
        var key = new SigningKey
        {
            Kid = KeyId(rsa),
            Algorithm = Algorithm,
            PrivateKey = ProtectedPrefix + Convert.ToBase64String(protector.Protect(rsa.ExportPkcs8PrivateKey())),
            CreatedTicks = time.GetUtcNow().UtcTicks,
        };
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        db.SigningKeys.Add(key);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return key.Kid;
    }

    private async Task ReloadAsync(RegistryDbContext db, CancellationToken ct)
    {
        var stored = await db.SigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedTicks).ToListAsync(ct);
        if (stored.Count == 0)
        {
            throw new InvalidOperationException("The registry has no signing key.");
        }

        var grace = TimeSpan.FromMinutes(options.Value.AccessTokenMinutes) + TimeSpan.FromSeconds(options.Value.ClockSkewSeconds);
        var now = time.GetUtcNow().UtcTicks;
        var validation = new List<SecurityKey>();
        var jwks = new JsonWebKeySet();
        SigningCredentials? signing = null;
        for (var i = 0; i < stored.Count; i++)
        {
            // A key is in use until its successor has been signing for longer than a token lives.
            var replacedAt = i == 0 ? long.MaxValue : stored[i - 1].CreatedTicks;
            if (i > 0 && now - replacedAt > grace.Ticks)
            {
                break;
            }

            // RSA objects are made once per key and kept: a refresh every few seconds must not leak native handles.
            var privateKey = stored[i].PrivateKey;
            var rsa = loaded.GetOrAdd(stored[i].Kid, kid =>
            {
                var created = RSA.Create();
                created.ImportPkcs8PrivateKey(privateKey.StartsWith(ProtectedPrefix, StringComparison.Ordinal)
                    ? protector.Unprotect(Convert.FromBase64String(privateKey[ProtectedPrefix.Length..]))
                    : Convert.FromBase64String(privateKey), out var _);
                return created;
            });
            var publicKey = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)) { KeyId = stored[i].Kid };
            validation.Add(publicKey);
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(publicKey);
            jwk.Use = "sig";
            jwk.Alg = stored[i].Algorithm;
            jwks.Keys.Add(jwk);
            if (i == 0)
            {
                signing = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = stored[i].Kid }, stored[i].Algorithm);
            }
        }

        keys = new KeySet(signing, validation, jwks);
    }

    /// <summary>The RFC 7638 thumbprint of the public key, base64url: stable, and unique to the key.</summary>
    private static string KeyId(RSA rsa)
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));
        return Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
    }

    private sealed record KeySet(SigningCredentials? Signing, IReadOnlyList<SecurityKey> Validation, JsonWebKeySet Jwks)
    {
        public static KeySet Empty { get; } = new(null, [], new JsonWebKeySet());
    }
}
