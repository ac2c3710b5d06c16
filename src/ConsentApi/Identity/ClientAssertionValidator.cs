using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConsentApi.Identity;

/// <summary>
/// Checks a client assertion as SMART Backend Services and RFC 7523 require: signed with one of the client's
/// registered keys by an asymmetric algorithm, <c>iss</c> and <c>sub</c> both the client id, <c>aud</c> the token
/// endpoint, <c>exp</c> no more than five minutes ahead, and a <c>jti</c> never seen before.
/// </summary>
public sealed class ClientAssertionValidator(ClientKeys keys, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>The algorithms a client may sign with (SMART requires RS384 and ES384 at least). Never none, never HMAC.</summary>
    public static readonly IReadOnlyList<string> Algorithms =
    [
        SecurityAlgorithms.RsaSha384, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha512, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384,
        SecurityAlgorithms.RsaSsaPssSha512,
    ];

    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    /// <summary>Returns the authenticated client, or throws <see cref="TokenRequestException"/> saying what is wrong.</summary>
    public async Task<ApiClient> ValidateAsync(RegistryDbContext db, string assertion, IReadOnlyCollection<string> tokenEndpoints, CancellationToken ct)
    {
        JsonWebToken jwt;
        try
        {
            jwt = handler.ReadJsonWebToken(assertion);
        }
        catch (ArgumentException)
        {
            throw new TokenRequestException(TokenRequestException.InvalidRequest, "client_assertion is not a JWT (three base64url parts separated by dots).");
        }

        var clientId = jwt.Issuer;
        if (string.IsNullOrEmpty(clientId))
        {
            throw new TokenRequestException(TokenRequestException.InvalidClient, "The client assertion has no 'iss': it must be your client id.");
        }

        if (jwt.Subject != clientId)
        {
            throw new TokenRequestException(TokenRequestException.InvalidClient, $"The client assertion's 'sub' ('{jwt.Subject}') must equal its 'iss' ('{clientId}'): both are your client id.");
        }

        var client = await ClientRegistry.ReadAsync(db, clientId, ct)
            ?? throw new TokenRequestException(TokenRequestException.InvalidClient, $"No client '{clientId}' is registered.");
        if (!client.Enabled)
        {
            throw new TokenRequestException(TokenRequestException.InvalidClient, $"Client '{clientId}' is disabled. Ask the registry's administrators.");
        }

        if (client.Jwks is null && client.JwksUrl is null)
        {
            throw new TokenRequestException(TokenRequestException.InvalidClient,
                $"'{clientId}' is registered as an app without keys: it signs people in with authorization_code and PKCE, not client_credentials.");
        }

        if (!Algorithms.Contains(jwt.Alg))
        {
            throw new TokenRequestException(TokenRequestException.InvalidClient, $"The client assertion is signed with '{jwt.Alg}': use one of {string.Join(", ", Algorithms)}.");
        }

        if (jwt.TryGetHeaderValue<object>("crit", out _))
        {
            // RFC 7515 4.1.11: a recipient must refuse extensions it does not understand; the registry understands none.
            throw new TokenRequestException(TokenRequestException.InvalidClient, "The client assertion's 'crit' header names extensions the registry does not support: leave 'crit' out.");
        }

        var jku = jwt.TryGetHeaderValue<string>("jku", out var headerJku) ? headerJku : null;
        if (jku is not null && jku != client.JwksUrl)
        {
            throw new TokenRequestException(TokenRequestException.InvalidClient, $"The assertion's 'jku' header ('{jku}') is not the JWKS URL registered for '{clientId}'.");
        }

        IReadOnlyList<SecurityKey> clientKeys;
        try
        {
            clientKeys = await keys.ForAsync(client, jwt.Kid, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or Fhir.FhirErrorException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new TokenRequestException(TokenRequestException.InvalidClient, $"The registry could not read the keys at '{client.JwksUrl}': {ex.Message}");
        }

        var skew = TimeSpan.FromSeconds(options.Value.ClockSkewSeconds);
        var result = await handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = clientId,
            ValidAudiences = tokenEndpoints,
            IgnoreTrailingSlashWhenValidatingAudience = false, // the exact token URL, nothing like it
            IssuerSigningKeys = clientKeys,
            ValidAlgorithms = Algorithms,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = skew,
            TryAllIssuerSigningKeys = jwt.Kid is null,
            LifetimeValidator = (notBefore, expires, _, _) => Lifetime(notBefore, expires, skew),
        });
        if (!result.IsValid)
        {
            throw new TokenRequestException(TokenRequestException.InvalidClient, Describe(result.Exception, tokenEndpoints));
        }

        if (jwt.TryGetPayloadValue<long>("iat", out var iat) && DateTimeOffset.FromUnixTimeSeconds(iat) > time.GetUtcNow() + skew)
        {
            throw new TokenRequestException(TokenRequestException.InvalidClient,
                $"The client assertion's 'iat' ({DateTimeOffset.FromUnixTimeSeconds(iat):O}) is in the future; the registry's time is {time.GetUtcNow():O}. Check the client's clock.");
        }

        var jti = jwt.Id;
        if (string.IsNullOrEmpty(jti) || jti.Length > 256)
        {
            throw new TokenRequestException(TokenRequestException.InvalidClient, "The client assertion needs a 'jti' (a unique id for this assertion, at most 256 characters).");
        }

        await RememberJtiAsync(db, clientId, jti, jwt.ValidTo, ct);
        return client;
    }

    private bool Lifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The client assertion has no 'exp'.");
        }

        if (expires.Value < now - skew)
        {
            throw new SecurityTokenExpiredException($"The client assertion expired at {expires.Value:O}; the registry's time is {now:O}.");
        }

        if (expires.Value > now + MaxLifetime + skew)
        {
            throw new SecurityTokenInvalidLifetimeException($"The client assertion's 'exp' ({expires.Value:O}) is more than five minutes ahead of the registry's time ({now:O}).");
        }

        if (notBefore is { } nbf && nbf > now + skew)
        {
            throw new SecurityTokenNotYetValidException($"The client assertion is not valid before {nbf:O}; the registry's time is {now:O}.");
        }

        return true;
    }

    private async Task RememberJtiAsync(RegistryDbContext db, string clientId, string jti, DateTime expires, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcTicks;
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var seen = await db.UsedClientAssertions.AnyAsync(a => a.ClientId == clientId && a.Jti == jti, ct);
        if (seen)
        {
            throw new TokenRequestException(TokenRequestException.InvalidClient, $"The client assertion's 'jti' ('{jti}') has been used before: sign a new assertion with a new jti for every token request.");
        }

        // Expired entries can go: an assertion that old is refused on its 'exp' anyway.
        await db.UsedClientAssertions.Where(a => a.ExpiresTicks < now - TimeSpan.FromMinutes(10).Ticks).ExecuteDeleteAsync(ct);
        db.UsedClientAssertions.Add(new UsedClientAssertion { ClientId = clientId, Jti = jti, ExpiresTicks = new DateTimeOffset(expires, TimeSpan.Zero).UtcTicks });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node stored the same jti between our check and insert: the same replay.
            throw new TokenRequestException(TokenRequestException.InvalidClient, $"The client assertion's 'jti' ('{jti}') has been used before.");
        }

        await transaction.CommitAsync(ct);
    }

    private static string Describe(Exception? ex, IReadOnlyCollection<string> tokenEndpoints) => ex switch
    {
        SecurityTokenInvalidAudienceException => $"The client assertion's 'aud' must be the token endpoint URL: {string.Join(" or ", tokenEndpoints)}.",
        SecurityTokenSignatureKeyNotFoundException => "No key registered for this client matches the assertion's 'kid'.",
        SecurityTokenInvalidSignatureException => "The client assertion's signature does not verify with the client's registered keys.",
        SecurityTokenInvalidAlgorithmException => "The client assertion's algorithm is not accepted.",
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException => ex.Message,
        SecurityTokenInvalidIssuerException => "The client assertion's 'iss' is not the client id.",
        null => "The client assertion is not valid.",
        _ => $"The client assertion is not valid: {ex.GetType().Name.Replace("SecurityToken", string.Empty, StringComparison.Ordinal).Replace("Exception", string.Empty, StringComparison.Ordinal)}.",
    };
}
