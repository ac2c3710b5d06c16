using System.Net.Http.Headers;
using System.Net.Http.Json;
using ConsentApi.Decisions;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsentApi.Tests.Support;

/// <summary>
/// The real API on Kestrel over loopback HTTP, with its own empty database. Used as a class fixture, so every test
/// class gets a new database; tests inside a class keep apart by using their own patients and organisations.
/// Clients it creates carry a real access token: a test client system is registered with a key generated here, and
/// the token comes from the token endpoint exactly as a GP system would get it.
/// </summary>
public abstract class ApiFactory : WebApplicationFactory<Program>
{
    public const string TestClientId = "test-suite";
    public const string TestClientOds = "TST01";

    /// <summary>Every scope a client system can hold.</summary>
    public static readonly string[] AllScopes =
        [RegistryScopes.ConsentRead, RegistryScopes.ConsentWrite, RegistryScopes.AuditRead, RegistryScopes.Subscriptions, RegistryScopes.Decisions, RegistryScopes.Monitoring, RegistryScopes.Admin];

    private readonly Lazy<string> token;
    private readonly AsyncLocal<bool> creatingAnonymous = new();

    /// <summary>The port is chosen before the host starts, so the registry's configured identity (issuer, public base URL,
    /// token audience) can be its real address: the registry never takes them from a request's Host header.</summary>
    private readonly int port = LoopbackPorts.Next();

    protected ApiFactory()
        : this(waitForDecisions: true)
    {
    }

    /// <summary>
    /// Starts the server; unless told not to, waits until its decision index is built (it builds beside serving), so a
    /// test's first decision is not refused as "still starting".
    /// </summary>
    protected ApiFactory(bool waitForDecisions)
    {
        UseKestrel(port);
        StartServer();
        token = new Lazy<string>(() => RegisterTestClientAndGetToken().GetAwaiter().GetResult());
        if (waitForDecisions && !Services.GetRequiredService<DecisionIndex>().Ready.Wait(TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException("The registry's decision index was not built within two minutes of the start; see the server log.");
        }
    }

    public TestClientKey TestClientKey { get; } = TestClientKey.Rsa();

    /// <summary>The registry's configured issuer: its own address, as a deployment would configure its public URL.</summary>
    public string Issuer => $"http://127.0.0.1:{port}";

    /// <summary>The server's own address (Kestrel on loopback).</summary>
    public Uri ServerAddress => CreateAnonymousClient().BaseAddress!;

    /// <summary>A client with no token, for what anyone may reach and for what must be refused.</summary>
    public HttpClient CreateAnonymousClient()
    {
        creatingAnonymous.Value = true;
        try
        {
            return CreateDefaultClient(new FhirResponseValidation());
        }
        finally
        {
            creatingAnonymous.Value = false;
        }
    }

    /// <summary>Gets a token for a registered client with the given key and scopes, through the token endpoint.</summary>
    public async Task<string> TokenAsync(string clientId, TestClientKey key, string scopes)
    {
        if (clientId == TestClientId)
        {
            _ = token.Value; // registers the test client on first use
        }

        return await RequestTokenAsync(clientId, key, scopes);
    }

    private async Task<string> RequestTokenAsync(string clientId, TestClientKey key, string scopes)
    {
        using var http = CreateAnonymousClient();
        var assertion = key.Assertion(clientId, new Uri(http.BaseAddress!, TokenEndpoints.Path).ToString());
        using var response = await http.PostAsync(TokenEndpoints.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = TokenEndpoints.AssertionType,
            ["client_assertion"] = assertion,
            ["scope"] = scopes,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token request for {clientId} failed: {body}");
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    /// <summary>Runs a scalar count query against the server's database (for checking what was stored).</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Test-authored SQL.
        command.CommandText = sql;
#pragma warning restore CA2100
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A client whose requests carry the given bearer token.</summary>
    public HttpClient CreateClientWithToken(string accessToken)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (!creatingAnonymous.Value)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }
    }

    public abstract string Provider { get; }

    /// <summary>A folder for the test's own files (deleted with the factory).</summary>
    public string ScratchDirectory { get; } = Path.Combine(Path.GetTempPath(), "consent-registry-tests", Guid.NewGuid().ToString("N"));

    /// <summary>What the registry under test has logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The registry's data folder (Persistence:DataDirectory): its SQLite file, exports and bulk-check results.</summary>
    public string DataDirectory => Path.Combine(ScratchDirectory, "data");

    /// <summary>An HttpClient whose base address is the FHIR base (…/fhir/).</summary>
    public HttpClient CreateFhirHttpClient()
    {
        var client = CreateDefaultClient(new FhirResponseValidation());
        client.BaseAddress = new Uri(client.BaseAddress!, "fhir/");
        return client;
    }

    public TestFhirClient CreateFhirClient() => new(CreateFhirHttpClient());

    /// <summary>A DbContext on a further, empty database of the same provider (for schema tests).</summary>
    public abstract RegistryDbContext CreateExtraDatabase(string name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Demo:Seed", "false");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.UseSetting("Persistence:Provider", Provider);
        builder.UseSetting("Persistence:DataDirectory", DataDirectory);
        builder.UseSetting("Auth:Issuer", Issuer);
        builder.UseSetting("Auth:AccessTokenMinutes", "60");
        builder.UseSetting("Auth:RatePerSecond", "100000");
        builder.UseSetting("Auth:RateBurst", "100000");
        builder.UseSetting("Monitoring:PollSeconds", "1");
        builder.UseSetting("Monitoring:Workers", "1");
        builder.UseSetting("Monitoring:WebhookCron", "* * * * * *");
        builder.UseSetting("Monitoring:StaleAfterSeconds", "5");
        builder.UseSetting("Monitoring:RetryBaseSeconds", "0");
        builder.UseSetting("Subscriptions:AllowHttpEndpoints", "true");
        builder.UseSetting("Subscriptions:PollMilliseconds", "100");
        builder.UseSetting("Subscriptions:RetryBaseSeconds", "0.1");
        builder.UseSetting("Subscriptions:MaxBackoffSeconds", "1");
        builder.UseSetting("Subscriptions:MaxFailures", "5");
        builder.UseSetting("Subscriptions:GapWaitSeconds", "2");
        ConfigureDatabase(builder);
    }

    protected abstract void ConfigureDatabase(IWebHostBuilder builder);

    private async Task<string> RegisterTestClientAndGetToken()
    {
        var clients = Services.GetRequiredService<ClientRegistry>();
        await clients.AddAsync(new ClientInput(TestClientId, TestClientOds, "Test suite", TestClientKey.PublicJwks(), null, AllScopes), "tests", default);
        return await RequestTokenAsync(TestClientId, TestClientKey, string.Join(' ', AllScopes));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);

        if (disposing && Directory.Exists(ScratchDirectory))
        {
            Directory.Delete(ScratchDirectory, recursive: true);
        }
    }

    protected static DbContextOptions<RegistryDbContext> Options(Action<DbContextOptionsBuilder<RegistryDbContext>> use)
    {
        var builder = new DbContextOptionsBuilder<RegistryDbContext>();
        use(builder);
        return builder.Options;
    }
}
