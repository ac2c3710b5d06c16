using System.Security.Claims;
using ConsentApi.Persistence;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ConsentApi.Identity.TokenServer;

/// <summary>
/// Authenticates the client of every token, revocation and introspection request, and names the app of every
/// authorization request, against the registry's own client register, in place of OpenIddict's client-assertion
/// checks (decision 18). A client system's assertion is checked by <see cref="ClientAssertionValidator"/> as SMART
/// Backend Services requires (its registered keys or JWKS URL, <c>typ</c> JWT, <c>aud</c> the token URL exactly,
/// <c>exp</c> at most five minutes ahead, a <c>jti</c> never used on any node); OpenIddict out of the box refuses
/// SMART's assertions and accepts a replayed one. A disabled or unknown client is refused here with the registry's
/// words. Then OpenIddict's own checks (client type, redirect URIs, PKCE, codes, refresh tokens) run on the mirror row.
/// </summary>
public sealed class RegistryClientAuthentication(RegistryDbContext db, ClientAssertionValidator validator, ClientApplications applications,
    IOptions<AuthOptions> options) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    /// <summary>The transaction property that carries the authenticated client to the token endpoint.</summary>
    public const string ClientProperty = "registry:client";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseScopedHandler<RegistryClientAuthentication>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientAssertion.Descriptor.Order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.EndpointType is not (OpenIddictServerEndpointType.Token or OpenIddictServerEndpointType.Revocation
            or OpenIddictServerEndpointType.Introspection or OpenIddictServerEndpointType.Authorization))
        {
            return;
        }

        var ct = context.Transaction.GetHttpRequest()?.HttpContext.RequestAborted ?? CancellationToken.None;
        var request = context.Request ?? throw new InvalidOperationException("No request to authenticate.");
        if (!string.IsNullOrEmpty(request.ClientAssertion) && request.ClientAssertionType != TokenEndpoints.AssertionType)
        {
            context.Reject(Errors.InvalidRequest, $"client_assertion_type must be '{TokenEndpoints.AssertionType}'.");
            return;
        }

        ApiClient client;
        if (string.IsNullOrEmpty(context.ClientAssertion))
        {
            if (string.IsNullOrEmpty(request.ClientId))
            {
                return; // OpenIddict refuses a request with neither, naming what is missing.
            }

            var named = await ClientRegistry.ReadAsync(db, request.ClientId, ct);
            if (named is null)
            {
                Refuse(context, $"No client '{request.ClientId}' is registered.");
                return;
            }

            client = named;
        }
        else
        {
            try
            {
                client = await validator.ValidateAsync(db, context.ClientAssertion, TokenEndpoints.TokenEndpointUrls(options.Value), ct);
            }
            catch (TokenRequestException error)
            {
                context.Reject(error.Error, error.Message);
                return;
            }

            if (!string.IsNullOrEmpty(request.ClientId) && request.ClientId != client.ClientId)
            {
                Refuse(context, $"client_id '{LogRedaction.Short(request.ClientId)}' does not match the assertion's issuer '{client.ClientId}'.");
                return;
            }

            request.ClientId = client.ClientId;
            context.ClientAssertionPrincipal = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(Claims.Issuer, client.ClientId), new Claim(Claims.Subject, client.ClientId)], "client_assertion"));
        }

        if (!client.Enabled)
        {
            Refuse(context, $"Client '{client.ClientId}' is disabled. Ask the registry's administrators.");
            return;
        }

        await applications.EnsureAsync(db, client, ct);
        context.Transaction.Properties[ClientProperty] = client;
    }

    private static void Refuse(ProcessAuthenticationContext context, string description) =>
        context.Reject(context.EndpointType == OpenIddictServerEndpointType.Authorization ? Errors.InvalidRequest : Errors.InvalidClient, description);
}
