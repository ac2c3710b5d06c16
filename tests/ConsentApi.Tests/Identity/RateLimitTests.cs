using System.Net;
using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Identity;

/// <summary>Per-client rate limits: over the limit a client gets 429 with Retry-After; other clients and health probes are unaffected.</summary>
public sealed class RateLimitTests(RateLimitedApiFactory api) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task Requests_WhenAClientExceedsItsLimit_Then429WithRetryAfterAsOperationOutcome()
    {
        // A bare client: the test clients' response validation would space the requests out beyond the limit.
        using var anonymous = new HttpClient { BaseAddress = api.ServerAddress };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await anonymous.GetAsync("/fhir/metadata");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("throttled", (await response.OutcomeAsync()).Issue![0].Code?.GetLiteral());
            }
        }

        using var probe = await anonymous.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
    }
}
