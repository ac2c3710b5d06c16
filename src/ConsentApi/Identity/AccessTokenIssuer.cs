using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConsentApi.Identity;

/// <summary>Signs the registry's short-lived access tokens with its current key.</summary>
public sealed class AccessTokenIssuer(SigningKeyStore keys, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>The claims a token carries besides the standard ones: who the actor is and what it may do.</summary>
    public (string Token, int ExpiresIn) Issue(string subject, string actorType, string? ods, string? name, IReadOnlyList<string> scopes,
        IReadOnlyDictionary<string, object>? extra = null)
    {
        var now = time.GetUtcNow();
        var lifetime = TimeSpan.FromMinutes(options.Value.AccessTokenMinutes);
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = subject,
            [IdentityClaims.ActorType] = actorType,
            [IdentityClaims.Scope] = string.Join(' ', scopes),
            ["jti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
        };
        if (actorType == IdentityClaims.ClientActor)
        {
            claims[IdentityClaims.ClientId] = subject;
        }

        if (ods is not null)
        {
            claims[IdentityClaims.Organisation] = ods;
        }

        if (name is not null)
        {
            claims["name"] = name;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, object>())
        {
            claims[key] = value;
        }

        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = keys.Current,
        });
        return (token, (int)lifetime.TotalSeconds);
    }
}
