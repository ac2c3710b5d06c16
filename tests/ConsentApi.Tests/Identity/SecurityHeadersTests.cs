using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Identity;

/// <summary>Headers on every response, and no caching of what an authenticated request was told.</summary>
public sealed class SecurityHeadersTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Theory]
    [InlineData("/fhir/metadata", false)]
    [InlineData("/fhir/Consent?_count=1", true)]
    [InlineData("/fhir/Consent?_count=1", false)]
    public async Task Response_WhenAnyEndpointAnswers_ThenSecurityHeadersAreSet(string path, bool withToken)
    {
        using var http = withToken ? api.CreateClient() : api.CreateAnonymousClient();

        using var response = await http.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        if (withToken)
        {
            Assert.True(response.Headers.CacheControl?.NoStore);
        }
    }
}
