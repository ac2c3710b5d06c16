using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ConsentApi.Identity.TokenServer;

/// <summary>
/// The last word on every token response. Logs what was issued or refused (descriptions redacted: never a credential).
/// Keeps the registry's contract for refusals: 400 with OAuth's error JSON for every one, as RFC 6749 5.2 allows when
/// the client did not authenticate with an Authorization header (OpenIddict answers invalid_client with 401 and a
/// Basic challenge, which suits client secrets, not assertions). Spends a code whose redemption failed. States the
/// granted scopes in every success.
/// </summary>
public sealed partial class TokenResponseOutcome(ILogger<TokenResponseOutcome> logger) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<TokenResponseOutcome>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.AttachWwwAuthenticateHeader<ApplyTokenResponseContext>.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var http = context.Transaction.GetHttpRequest()?.HttpContext;
        if (context.Error is { } error)
        {
            LogRefused(logger, error, LogRedaction.Redact(context.Response.ErrorDescription ?? string.Empty));
            context.Response.ErrorUri = null; // OpenIddict's pages about its own error codes: the description is the registry's answer
            if (http is not null && error == Errors.InvalidClient && context.Request?.HasParameter("client_secret") != true)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                http.Response.Headers.WWWAuthenticate = default;
            }

            if (http is not null && context.Transaction.Properties.TryGetValue(CodeBeingRedeemed.TokenIdProperty, out var id) && id is string tokenId)
            {
                var tokens = http.RequestServices.GetRequiredService<IOpenIddictTokenManager>();
                if (await tokens.FindByIdAsync(tokenId, http.RequestAborted) is { } code)
                {
                    await tokens.TryRevokeAsync(code, http.RequestAborted);
                }
            }

            return;
        }

        if (context.Transaction.Properties.TryGetValue(AccessTokenClaims.GrantedScopesProperty, out var granted) && granted is string scopes)
        {
            context.Response.Scope = scopes;
            LogIssued(logger, context.Request?.ClientId ?? "unknown", scopes);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued a token to client {ClientId} for {Scopes}")]
    private static partial void LogIssued(ILogger logger, string clientId, string scopes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a token request: {Error}: {Description}")]
    private static partial void LogRefused(ILogger logger, string error, string description);
}
