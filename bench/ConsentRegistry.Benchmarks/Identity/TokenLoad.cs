using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConsentRegistry.Benchmarks.Identity;

/// <summary>
/// Load on the token endpoint (bench/identity.sh): client_credentials requests, each with its own signed assertion
/// (a jti is good once), from a number of concurrent connections for a fixed time; and the same load on
/// GET /health/live as the baseline. Assertions are signed before the clock starts, so the client's RSA work does not
/// compete with the server's on a two-core machine.
/// </summary>
public static class TokenLoad
{
    /// <summary>Prints "tokens requests/s|errors" then "baseline requests/s|errors".</summary>
    public static async Task RunAsync(string url, string pemPath, string clientId, string scope, int seconds, int connections)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(await File.ReadAllTextAsync(pemPath));
        var credentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "bench-1" }, SecurityAlgorithms.RsaSha384);
        var audience = url.TrimEnd('/') + "/auth/token";
        var handler = new JsonWebTokenHandler();
        var assertions = new System.Collections.Concurrent.ConcurrentQueue<string>(Enumerable.Range(0, seconds * 1500).Select(_ => handler.CreateToken(
            new SecurityTokenDescriptor
            {
                Claims = new Dictionary<string, object> { ["iss"] = clientId, ["sub"] = clientId, ["aud"] = audience, ["jti"] = Guid.NewGuid().ToString("N") },
                Expires = DateTime.UtcNow.AddMinutes(4),
                SigningCredentials = credentials,
            })));

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = new Uri(url) };
        var tokens = await LoadAsync(connections, seconds, async () =>
        {
            if (!assertions.TryDequeue(out var assertion))
            {
                return false;
            }

            using var response = await http.PostAsync("auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = assertion,
                ["scope"] = scope,
            }));
            return response.IsSuccessStatusCode;
        });
        var baseline = await LoadAsync(connections, seconds, async () =>
        {
            using var response = await http.GetAsync("health/live");
            return response.IsSuccessStatusCode;
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tokens|{tokens.Rate:0.0}|{tokens.Errors}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline|{baseline.Rate:0.0}|{baseline.Errors}"));
    }

    private static async Task<(double Rate, long Errors)> LoadAsync(int connections, int seconds, Func<Task<bool>> request)
    {
        long done = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        var exhausted = false;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            while (clock.Elapsed < until && !Volatile.Read(ref exhausted))
            {
                bool ok;
                try
                {
                    ok = await request();
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                if (ok)
                {
                    Interlocked.Increment(ref done);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return (done / clock.Elapsed.TotalSeconds, errors);
    }
}
