using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConsentApi.Tests.Support;

/// <summary>A client system's key pair, generated for the test, that signs client assertions as a real client would.</summary>
public sealed class TestClientKey : IDisposable
{
    private readonly AsymmetricAlgorithm key;
    private readonly SecurityKey securityKey;

    private TestClientKey(AsymmetricAlgorithm key, SecurityKey securityKey, string algorithm)
    {
        this.key = key;
        this.securityKey = securityKey;
        Algorithm = algorithm;
    }

    public string Algorithm { get; }

    public string KeyId => securityKey.KeyId;

    public static TestClientKey Rsa(string kid = "rsa-1", string algorithm = SecurityAlgorithms.RsaSha384)
    {
        var rsa = RSA.Create(2048);
        return new TestClientKey(rsa, new RsaSecurityKey(rsa) { KeyId = kid }, algorithm);
    }

    public static TestClientKey Ec(string kid = "ec-1")
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        return new TestClientKey(ec, new ECDsaSecurityKey(ec) { KeyId = kid }, SecurityAlgorithms.EcdsaSha384);
    }

    /// <summary>The public key as a JSON Web Key Set, as the client registers it.</summary>
    public JsonElement PublicJwks()
    {
        var jwk = securityKey switch
        {
            RsaSecurityKey rsa => JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.Rsa.ExportParameters(false)) { KeyId = KeyId }),
            ECDsaSecurityKey ec => JsonWebKeyConverter.ConvertFromECDsaSecurityKey(ec),
            _ => throw new InvalidOperationException(),
        };
        var fields = new Dictionary<string, string?> { ["kty"] = jwk.Kty, ["kid"] = KeyId, ["n"] = jwk.N, ["e"] = jwk.E, ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y };
        var json = JsonSerializer.Serialize(new { keys = new[] { fields.Where(f => f.Value is not null).ToDictionary() } });
        return JsonDocument.Parse(json).RootElement;
    }

    /// <summary>A client assertion (RFC 7523) with the usual claims, each of which a test may override.</summary>
    public string Assertion(string clientId, string audience, DateTimeOffset? expires = null, string? jti = null, string? issuer = null,
        string? subject = null, DateTimeOffset? notBefore = null, DateTimeOffset? issuedAt = null, IDictionary<string, object>? header = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer ?? clientId,
            ["sub"] = subject ?? clientId,
            ["aud"] = audience,
            ["jti"] = jti ?? Guid.NewGuid().ToString("N"),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Expires = (expires ?? DateTimeOffset.UtcNow.AddMinutes(4)).UtcDateTime,
            NotBefore = notBefore?.UtcDateTime,
            IssuedAt = issuedAt?.UtcDateTime,
            AdditionalHeaderClaims = header,
            SigningCredentials = new SigningCredentials(securityKey, Algorithm),
        });
    }

    /// <summary>A JWT with exactly these claims, valid for four minutes, signed with this key (as an identity provider would).</summary>
    public string Token(IDictionary<string, object> claims) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddMinutes(4),
            SigningCredentials = new SigningCredentials(securityKey, Algorithm),
        });

    public void Dispose() => key.Dispose();
}
