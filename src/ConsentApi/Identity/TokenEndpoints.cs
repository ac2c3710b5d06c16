using ConsentApi.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ConsentApi.Identity;

/// <summary>
/// The token endpoint: OAuth 2.0 client credentials with a JWT client assertion (SMART Backend Services, RFC 7523).
/// Errors follow RFC 6749 section 5.2 (JSON with error and error_description), since OAuth clients expect exactly that.
/// </summary>
public static partial class TokenEndpoints
{
    public const string Path = "/auth/token";
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static IEndpointRouteBuilder MapToken(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, IssueToken).WithName("Token").WithTags("Identity").DisableAntiforgery().AllowAnonymous();
        return app;
    }

    public static async Task<IResult> IssueToken(HttpContext context, RegistryDbContext db, ClientAssertionValidator validator,
        AccessTokenIssuer issuer, UserManager<Accounts.RegistryUser> users, TimeProvider time, IOptions<AuthOptions> options, ILogger<ClientAssertionValidator> logger,
        CancellationToken ct)
    {
        NoStore(context);
        try
        {
            var form = await ReadStrictFormAsync(context.Request, ct);
            var grantType = Single(form, "grant_type");
            if (grantType == "authorization_code")
            {
                var grant = await Accounts.AuthorizationCodeGrant.RedeemAsync(form, db, users, issuer, time, ct);
                LogIssued(logger, grant.Subject, grant.Response.Scope);
                return Results.Json(grant.Response);
            }

            if (grantType != "client_credentials")
            {
                throw new TokenRequestException(TokenRequestException.UnsupportedGrantType,
                    "This grant_type is not supported: client systems use client_credentials, apps signing people in use authorization_code.");
            }

            var assertionType = Single(form, "client_assertion_type");
            if (assertionType != AssertionType)
            {
                throw new TokenRequestException(TokenRequestException.InvalidRequest, $"client_assertion_type must be '{AssertionType}'.");
            }

            var assertion = Single(form, "client_assertion");
            var requested = Single(form, "scope").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var client = await validator.ValidateAsync(db, assertion, TokenEndpointUrls(options.Value), ct);
            if (form.TryGetValue("client_id", out var clientIdField) && clientIdField.Count > 0 && clientIdField[0] != client.ClientId)
            {
                throw new TokenRequestException(TokenRequestException.InvalidClient, $"client_id '{clientIdField}' does not match the assertion's issuer '{client.ClientId}'.");
            }

            var granted = RegistryScopes.Grant(requested, client.AllowedScopes);
            if (granted.Count == 0)
            {
                throw new TokenRequestException(TokenRequestException.InvalidScope,
                    $"None of the requested scopes ({string.Join(' ', requested)}) is allowed for '{client.ClientId}'. Allowed: {client.Scopes}.");
            }

            var (token, expiresIn) = issuer.Issue(client.ClientId, IdentityClaims.ClientActor, client.OdsCode, client.Name, granted);
            var grantedScopes = string.Join(' ', granted);
            LogIssued(logger, client.ClientId, grantedScopes);
            return Results.Json(new TokenResponse(token, "bearer", expiresIn, grantedScopes));
        }
        catch (TokenRequestException error)
        {
            LogRefused(logger, error.Error, LogRedaction.Redact(error.Message));
            return Results.Json(new TokenErrorResponse(error.Error, error.Message), statusCode: StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>
    /// The URL a client must put in its assertion's aud: the token endpoint under the configured issuer, exactly. Never
    /// the endpoint "as reached": that follows the Host header, which the caller chooses, so an assertion signed for
    /// another server could be replayed here with a matching Host.
    /// </summary>
    public static IReadOnlyCollection<string> TokenEndpointUrls(AuthOptions options) => [options.Issuer.TrimEnd('/') + Path];

    /// <summary>
    /// The token request's form, as RFC 6749 has it: application/x-www-form-urlencoded only (a multipart body is refused
    /// before it is read, so a broken one cannot fail later), each parameter at most once, names exactly as written
    /// ("GRANT_TYPE" is not grant_type).
    /// </summary>
    private static async Task<IFormCollection> ReadStrictFormAsync(HttpRequest request, CancellationToken ct)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            throw new TokenRequestException(TokenRequestException.InvalidRequest, "Send the token request as application/x-www-form-urlencoded.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new TokenRequestException(TokenRequestException.InvalidRequest, "The request body could not be read as a form.");
        }

        foreach (var (name, values) in form)
        {
            if (values.Count > 1)
            {
                throw new TokenRequestException(TokenRequestException.InvalidRequest, $"'{LogRedaction.Short(name)}' is given more than once: send each parameter once.");
            }

            if (Parameters.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase)) is { } known && known != name)
            {
                throw new TokenRequestException(TokenRequestException.InvalidRequest, $"Parameter names are case-sensitive: send '{known}', not '{LogRedaction.Short(name)}'.");
            }
        }

        return form;
    }

    private static readonly string[] Parameters =
        ["grant_type", "client_assertion_type", "client_assertion", "scope", "client_id", "code", "redirect_uri", "code_verifier"];

    /// <summary>A parameter of a form read by <see cref="ReadStrictFormAsync"/> (which has already refused repeats).</summary>
    public static string Single(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrWhiteSpace(values[0])
            ? values[0]!
            : throw new TokenRequestException(TokenRequestException.InvalidRequest, $"'{name}' is required.");

    private static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued a token to client {ClientId} for {Scopes}")]
    private static partial void LogIssued(ILogger logger, string clientId, string scopes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a token request: {Error}: {Description}")]
    private static partial void LogRefused(ILogger logger, string error, string description);
}
