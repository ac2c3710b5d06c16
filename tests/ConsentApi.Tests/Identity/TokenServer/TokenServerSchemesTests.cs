using System.Net;
using ConsentApi.Identity;
using ConsentApi.Identity.TokenServer;
using ConsentApi.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace ConsentApi.Tests.Identity.TokenServer;

/// <summary>OpenIddict's server is asked only about requests under /auth, so every endpoint it serves must be there.</summary>
public sealed class TokenServerSchemesTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public void EndpointUris_WhenTheServerIsConfigured_ThenEveryOneIsUnderThePrefix()
    {
        var options = api.Services.GetRequiredService<IOptions<OpenIddictServerOptions>>().Value;
        var endpoints = typeof(OpenIddictServerOptions).GetProperties()
            .Where(p => p.Name.EndsWith("EndpointUris", StringComparison.Ordinal) && p.PropertyType == typeof(List<Uri>))
            .SelectMany(p => (List<Uri>)p.GetValue(options)!)
            .Select(uri => uri.IsAbsoluteUri ? uri.AbsolutePath : "/" + uri.OriginalString.TrimStart('/'))
            .ToList();

        Assert.Contains(TokenEndpoints.Path, endpoints);
        Assert.All(endpoints, path => Assert.StartsWith(TokenServerSchemes.Prefix + "/", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetRequestHandlerSchemes_WhenTheRequestIsOutsideThePrefix_ThenNone()
    {
        var schemes = api.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        var accessor = api.Services.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext { Request = { Path = "/fhir/Consent" } };
        try
        {
            Assert.Empty(await schemes.GetRequestHandlerSchemesAsync());
            accessor.HttpContext.Request.Path = TokenEndpoints.Path;
            Assert.NotEmpty(await schemes.GetRequestHandlerSchemesAsync());
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    [Fact]
    public async Task TokenEndpoint_WhenAskedWithoutCredentials_ThenOpenIddictStillAnswers()
    {
        using var http = api.CreateAnonymousClient();

        using var response = await http.PostAsync(TokenEndpoints.Path, new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
