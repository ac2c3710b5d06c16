using ConsentApi.Fhir;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;

namespace ConsentApi.Identity;

/// <summary>
/// 401 and 403 as OperationOutcome. A 401 (no token, or one that is not valid) carries <c>WWW-Authenticate: Bearer</c>
/// with the RFC 6750 error; a 403 (a valid token without the scope) names the scope that would allow the request.
/// </summary>
public sealed class AccessDeniedResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var needed = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().Select(r => r.Describe()).ToList() ?? [];
            var has = string.Join(' ', ScopeHandler.TokenScopes(context.User));
            var message = needed.Count > 0
                ? $"The token does not allow this request: it needs scope {string.Join(" and ", needed)} (the token has: {(has.Length > 0 ? has : "no scopes")})."
                : "The token does not allow this request.";
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{string.Join(' ', needed)}\"";
            await FhirResults.Outcome(StatusCodes.Status403Forbidden, "error", "forbidden", message).ExecuteAsync(context);
            return;
        }

        await fallback.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>JwtBearer's challenge, written as an OperationOutcome instead of an empty 401.</summary>
    public static async Task ChallengeAsync(JwtBearerChallengeContext challenge)
    {
        challenge.HandleResponse();
        var context = challenge.HttpContext;
        var (error, code, message) = challenge.AuthenticateFailure switch
        {
            null => (null, "login",
                "This request needs an access token: send 'Authorization: Bearer <token>'. Client systems get one from the token endpoint (see /.well-known/smart-configuration)."),
            SecurityTokenExpiredException => ("invalid_token", "expired", "The access token has expired: get a new one from the token endpoint."),
            SecurityTokenInvalidAudienceException => ("invalid_token", "security", "The access token was not issued for this registry (wrong audience)."),
            SecurityTokenInvalidIssuerException => ("invalid_token", "security", "The access token was not issued by this registry (wrong issuer)."),
            SecurityTokenNotYetValidException => ("invalid_token", "security", "The access token is not valid yet: check the client's clock."),
            ClientDisabledException => ("invalid_token", "security", challenge.AuthenticateFailure.Message),
            _ => ("invalid_token", "security", "The access token is not valid (its signature, algorithm or format was rejected). Get a new one from the token endpoint."),
        };
        context.Response.Headers.WWWAuthenticate = error is null
            ? "Bearer realm=\"consent-registry\""
            : $"Bearer realm=\"consent-registry\", error=\"{error}\", error_description=\"{message.Replace("\"", "'", StringComparison.Ordinal)}\"";
        await FhirResults.Outcome(StatusCodes.Status401Unauthorized, "error", code, message).ExecuteAsync(context);
    }
}
