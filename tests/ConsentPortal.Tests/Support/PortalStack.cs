using ConsentApi.Identity;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ConsentPortal.Tests.Support;

/// <summary>
/// The whole system as a person meets it: the registry (Development demo data: accounts, the monitoring population,
/// its jobs) and the portal, each on its own Kestrel on loopback, and Debian's Chromium driven by Playwright. One per
/// test class; every test opens its own browser context (its own cookies).
/// </summary>
public class PortalStack : IAsyncLifetime
{
    public const string ClientId = "test-portal";
    private readonly string data = Path.Combine(Path.GetTempPath(), "consent-portal-tests", Guid.NewGuid().ToString("N"));
    private RegistryHost? registry;
    private PortalHost? portal;
    private FaultyLink? link;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;
    public Uri RegistryAddress { get; private set; } = null!;
    public Uri PortalAddress { get; private set; } = null!;
    public IServiceProvider RegistryServices => registry!.Services;

    /// <summary>How long the registry's access tokens live (its default unless a stack says otherwise).</summary>
    protected virtual int AccessTokenMinutes => 5;

    /// <summary>The portal reaches the registry through this relay, so a test can cut it.</summary>
    public FaultyLink Link => link!;

    public async Task InitializeAsync()
    {
        var portalPort = LoopbackPorts.Next();
        PortalAddress = new Uri($"http://127.0.0.1:{portalPort}");
        registry = new RegistryHost(data, LoopbackPorts.Next(), AccessTokenMinutes, PortalAddress);
        RegistryAddress = registry.Address;
        await registry.Services.GetRequiredService<ClientRegistry>().AddAsync(new ClientInput(ClientId, "X26", "Portal under test", null, null,
            [RegistryScopes.PatientConsentRead, RegistryScopes.PatientConsentWrite, RegistryScopes.PatientAuditRead, RegistryScopes.Monitoring, RegistryScopes.Admin],
            [new Uri(PortalAddress, "/signin-callback").ToString()]), "test", default);
        link = new FaultyLink(RegistryAddress);
        portal = new PortalHost(portalPort, link.Address, PortalAddress);
        _ = portal.Services;
        await WaitForDemoJobsAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A fresh browser context on the portal (JavaScript on unless asked otherwise).</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = PortalAddress.ToString(),
            JavaScriptEnabled = javaScript,

            // Only so the accessibility checks can inject axe-core: the portal's policy allows no inline script.
            BypassCSP = true,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the registry's own sign-in page, starting from a portal page that needs it.</summary>
    public static async Task SignInAsync(IPage page, string startPath, string userName, string password = "demo-password-2026")
    {
        await page.GotoAsync(startPath, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await SignInHereAsync(page, userName, password);
    }

    /// <summary>Fills in the registry's sign-in page the browser is on, and waits for the portal page it leads back to.</summary>
    public static async Task SignInHereAsync(IPage page, string userName, string password = "demo-password-2026")
    {
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await WaitForPortalPageAsync(page);
    }

    /// <summary>Opens a portal page and waits until all of it is there (see <see cref="WaitForPortalPageAsync"/>).</summary>
    public static async Task<IResponse?> OpenAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await WaitForPortalPageAsync(page);
        return response;
    }

    /// <summary>Clicks what submits a form or follows a link on a portal page, then waits for the portal page it leads to.</summary>
    public static async Task SubmitAsync(IPage page, string selector)
    {
        await page.ClickAsync(selector);
        await WaitForPortalPageAsync(page);
    }

    /// <summary>
    /// Waits until a navigation (directly, or through the registry: sign-in, registry → portal callback → the page) has
    /// landed on a portal page and the whole page is parsed: the footer is the layout's last element. Never a load-state
    /// or network-idle wait: in CI the browser's load event for the sign-in redirect chain was sometimes never reported,
    /// and a wait for it ran out after 30 s. A test waits for what it needs, an element.
    /// </summary>
    public static async Task WaitForPortalPageAsync(IPage page, Func<string, bool>? at = null)
    {
        // The address is polled rather than awaited with WaitForURLAsync: when the address already matches, Playwright
        // waits for a load state instead, which is the very wait this avoids (CI timed out in it).
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!IsPortalPage(page.Url) || (at is not null && !at(page.Url)))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Still not on a portal page after 30 s: {page.Url}");
            }

            await Task.Delay(50);
        }

        await page.Locator("footer[role=contentinfo]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    private static bool IsPortalPage(string url)
    {
        var path = new Uri(url).AbsolutePath;
        return url.StartsWith("http", StringComparison.Ordinal) && !path.StartsWith("/auth/", StringComparison.Ordinal) && path != "/signin-callback";
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }

        if (link is not null)
        {
            await link.DisposeAsync();
        }

        if (registry is not null)
        {
            await registry.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing background task; the temporary folder is cleaned by the system.
        }
    }

    /// <summary>The demo queues rates and detection for recent Sundays at start-up; the dashboard tests need them done.</summary>
    private async Task WaitForDemoJobsAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            await using var scope = registry!.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var runs = await db.JobRuns.AsNoTracking().ToListAsync();
            if (runs.Count > 0 && runs.All(r => r.Status is "succeeded" or "failed") && runs.Any(r => r.Job == "detection"))
            {
                Assert.All(runs, r => Assert.Equal("succeeded", r.Status));
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("The demo's monitoring jobs did not finish within two minutes.");
    }

    private static string ChromiumPath() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("The portal tests need Debian's Chromium: apt-get install chromium (.ci/run installs it).");

    private sealed class RegistryHost : WebApplicationFactory<RegistryDbContext>
    {
        private readonly string data;
        private readonly int port;
        private readonly int accessTokenMinutes;
        private readonly Uri portal;

        public RegistryHost(string data, int port, int accessTokenMinutes, Uri portal)
        {
            this.portal = portal;
            this.data = data;
            this.port = port;
            this.accessTokenMinutes = accessTokenMinutes;
            UseKestrel(port);
            StartServer();
        }

        public Uri Address => CreateDefaultClient().BaseAddress!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Persistence:DataDirectory", Path.Combine(data, "registry"));
            builder.UseSetting("Auth:Issuer", $"http://127.0.0.1:{port}"); // its identity is configured, never taken from Host
            builder.UseSetting("Monitoring:PollSeconds", "1");
            builder.UseSetting("Auth:PortalUrl", portal.ToString());
            builder.UseSetting("Auth:AccessTokenMinutes", accessTokenMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Auth:Attempts:FailureDelayMilliseconds", "20"); // the form fuzz posts hundreds of failing registrations
            builder.UseSetting("Auth:Attempts:RegistrationPerSource", "100000");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }

    private sealed class PortalHost : WebApplicationFactory<PortalOptions>
    {
        private readonly Uri registry;
        private readonly Uri self;

        public PortalHost(int port, Uri registry, Uri self)
        {
            this.registry = registry;
            this.self = self;
            UseKestrel(port);
            StartServer();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Portal:ApiBaseUrl", registry.ToString());
            builder.UseSetting("Portal:ClientId", ClientId);
            builder.UseSetting("Portal:RedirectUri", new Uri(self, "/signin-callback").ToString());
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
