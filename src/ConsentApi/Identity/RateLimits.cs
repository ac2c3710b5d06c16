using System.Globalization;
using System.Threading.RateLimiting;
using ConsentApi.Fhir;
using Microsoft.AspNetCore.RateLimiting;

namespace ConsentApi.Identity;

/// <summary>
/// One token bucket per client (by the token's client id or subject; by network address without a token). Over the
/// limit: 429 with Retry-After, as an OperationOutcome. Health probes are not limited.
/// </summary>
public static class RateLimits
{
    public static void Configure(RateLimiterOptions options, AuthOptions auth)
    {
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
            {
                return RateLimitPartition.GetNoLimiter("health");
            }

            var key = context.User.FindFirst(IdentityClaims.ClientId)?.Value ?? context.User.FindFirst("sub")?.Value
                ?? "ip:" + context.Connection.RemoteIpAddress;
            return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = auth.RateBurst,
                // Refilled once a second with exactly the sustained rate (a tenth every 100 ms rounded small rates up).
                TokensPerPeriod = auth.RatePerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        options.OnRejected = async (rejected, _) =>
        {
            var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
            rejected.HttpContext.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
            await FhirResults.Outcome(StatusCodes.Status429TooManyRequests, "error", "throttled",
                $"Too many requests from this client: at most {auth.RatePerSecond} a second (bursts to {auth.RateBurst}). Retry after {retry} s.")
                .ExecuteAsync(rejected.HttpContext);
        };
    }
}
