using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ConsentApi.Identity.TokenServer;

/// <summary>
/// The authentication schemes, with OpenIddict's server offered as a request handler only under <see cref="Prefix"/>,
/// where all its endpoints are. ASP.NET Core's authentication middleware asks every request handler about every
/// request; OpenIddict's answers by dispatching an event through its handler pipeline to learn that a FHIR search is
/// none of its business, 7% of a search's CPU. Elsewhere the request goes straight to the default scheme (the bearer
/// token), as before. <c>TokenServerSchemesTests</c> checks that every endpoint OpenIddict serves lies under the prefix.
/// </summary>
public sealed class TokenServerSchemes(IOptions<AuthenticationOptions> options, IHttpContextAccessor requests) : AuthenticationSchemeProvider(options)
{
    /// <summary>Where the token server's endpoints are (token, authorize, revoke, introspect).</summary>
    public const string Prefix = "/auth";

    public override Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync() =>
        requests.HttpContext is { } context && !context.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase)
            ? Task.FromResult(Enumerable.Empty<AuthenticationScheme>())
            : base.GetRequestHandlerSchemesAsync();
}
