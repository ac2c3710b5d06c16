using System.Text.RegularExpressions;
using ConsentPortal.Tests.Support;

namespace ConsentPortal.Tests.Staff;

/// <summary>
/// The monitoring dashboard in a real browser: an analyst signs in at the registry, reads rates, the funnel plot and
/// a practice's series, works a flag, and runs a job; a patient is kept out; every page passes axe at WCAG 2.2 AA.
/// </summary>
public sealed partial class DashboardTests(PortalStack stack) : IClassFixture<PortalStack>
{
    [Fact]
    public async Task Dashboard_WhenAnAnalystSignsIn_ThenRatesFunnelAndAPracticeSeriesShowWithTheirData()
    {
        var page = await stack.NewPageAsync();

        await PortalStack.SignInAsync(page, "/staff", "demo.analyst");

        Assert.Equal("Objection rates", await page.InnerTextAsync("h1"));
        Assert.Matches(@"\d+\.\d\d%", await page.InnerTextAsync("table"));
        await PortalStack.OpenAsync(page, "/staff/practices?sort=-rate");
        var firstPractice = page.Locator("tbody tr th a").First;
        Assert.True(await page.Locator("tbody tr").CountAsync() > 5);
        await PortalStack.OpenAsync(page, "/staff/funnel");
        Assert.Equal("img", await page.GetAttributeAsync("svg.chart", "role"));
        Assert.Contains("Funnel plot", await page.TextContentAsync("svg.chart title"));
        await PortalStack.OpenAsync(page, "/staff/practices?sort=-rate");
        await firstPractice.ClickAsync();
        await PortalStack.WaitForPortalPageAsync(page);
        Assert.Contains("Weekly new objections", await page.TextContentAsync("svg.chart title"));
        Assert.True(await page.Locator("details table tbody tr").CountAsync() >= 10);
    }

    [Fact]
    public async Task Flag_WhenAnAnalystTakesItOnAndTriesToCloseItWithoutANote_ThenTheErrorIsShownAndTheChangeSaved()
    {
        var page = await stack.NewPageAsync();
        await PortalStack.SignInAsync(page, "/staff/flags?status=open", "demo.analyst");
        await page.Locator("tbody tr th a").First.ClickAsync();
        await PortalStack.WaitForPortalPageAsync(page, url => new Uri(url).AbsolutePath.StartsWith("/staff/flags/", StringComparison.Ordinal)); // the flag's own page
        var flagUrl = page.Url;

        await page.SelectOptionAsync("#status", "investigating");
        await page.FillAsync("#assignee", "analyst.one");
        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");
        await page.SelectOptionAsync("#status", "explained");
        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");

        Assert.Equal(flagUrl, page.Url);
        Assert.Contains("There is a problem", await page.InnerTextAsync(".nhsuk-error-summary"));
        Assert.Contains("Choose an outcome", await page.InnerTextAsync(".nhsuk-error-summary"));
        Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        await PortalStack.OpenAsync(page, flagUrl);
        var history = await page.InnerTextAsync("ol");
        Assert.Contains("Being investigated by Demo monitoring analyst", history, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-", history);
        Assert.Contains("assigned to analyst.one", await page.InnerTextAsync("ol"));
    }

    [Fact]
    public async Task Jobs_WhenRunNowWithoutJavaScript_ThenTheRunIsQueuedAndABadDayIsExplained()
    {
        var page = await stack.NewPageAsync(javaScript: false);
        await PortalStack.SignInAsync(page, "/staff/jobs", "demo.analyst");

        await page.FillAsync("#day", "next tuesday");
        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");
        var error = await page.InnerTextAsync(".nhsuk-error-summary");
        await page.FillAsync("#day", "");
        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");

        Assert.Contains("day must be a date as yyyy-mm-dd (got 'next tuesday')", error, StringComparison.Ordinal);
        Assert.Matches(QueuedPattern(), await page.InnerTextAsync("[role=status]"));
        Assert.Contains("rates", await page.InnerTextAsync("tbody"));
    }

    [Fact]
    public async Task JobDashboard_WhenAnAnalystOpensItFromTheJobsPage_ThenHangfireShowsTheRecurringJobsReadOnlyAndItsScriptsRun()
    {
        var page = await stack.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) && !message.Text.Contains("style", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };
        await PortalStack.SignInAsync(page, "/staff/jobs", "demo.analyst");

        await page.ClickAsync("text=Open the job dashboard");
        await page.WaitForSelectorAsync("#page-title");
        var title = await page.InnerTextAsync("#page-title");
        var table = await page.InnerTextAsync("table");
        var commands = await page.Locator("button.js-jobs-list-command").CountAsync();
        var scripted = await page.EvaluateAsync<bool>("() => typeof window.Hangfire === 'object'");

        Assert.Equal("Recurring Jobs", title);
        Assert.Contains("rates-daily", table, StringComparison.Ordinal);
        Assert.Equal(0, commands);
        Assert.True(scripted, "Hangfire's script did not run");
        Assert.Empty(blocked);
        Assert.Equal(new Uri(stack.PortalAddress, "/monitoring/hangfire/recurring"), new Uri(page.Url));
    }

    [Fact]
    public async Task JobDashboard_WhenAPostComesFromAnotherSite_ThenThePortalRefusesItBeforeTheRegistrySeesIt()
    {
        var page = await stack.NewPageAsync();
        await PortalStack.SignInAsync(page, "/staff/jobs", "demo.analyst");
        var command = "/monitoring/hangfire/recurring/trigger";

        var crossSite = await page.APIRequest.PostAsync(command, new() { Headers = new Dictionary<string, string> { ["Origin"] = "https://attacker.example" } });
        var sameSite = await page.APIRequest.PostAsync(command, new() { Headers = new Dictionary<string, string> { ["Origin"] = stack.PortalAddress.ToString().TrimEnd('/') } });

        Assert.Equal(403, crossSite.Status); // the portal: not from its own pages
        Assert.Equal(401, sameSite.Status); // the registry: an analyst's dashboard is read-only
    }

    [Fact]
    public async Task JobDashboard_WhenAnAdministratorTriggersTheRatesJob_ThenItRunsAndIsListedOnTheJobsPage()
    {
        var page = await stack.NewPageAsync();
        await PortalStack.SignInAsync(page, "/staff/jobs", "demo.admin");
        await page.GotoAsync("/monitoring/hangfire/recurring");

        await page.CheckAsync("input.js-jobs-list-checkbox[value='rates-daily']");
        await page.ClickAsync("button.js-jobs-list-command:has-text('Trigger now')");
        // The dashboard posts the command, then reloads its page whenever the post returns: the Jobs page is read in a
        // second tab of the same signed-in browser, so that reload cannot interrupt it (net::ERR_ABORTED, and
        // "interrupted by another navigation", in fresh-clone test runs).
        var jobs = await page.Context.NewPageAsync();
        var listed = false;
        for (var i = 0; i < 60 && !listed; i++)
        {
            // The run is listed once a worker takes it up (after the demo seed's runs, which hold the monitoring lock).
            await PortalStack.OpenAsync(jobs, "/staff/jobs");
            listed = (await jobs.InnerTextAsync("tbody")).Contains("schedule", StringComparison.Ordinal);
            await Task.Delay(listed ? 0 : 500);
        }

        Assert.True(listed, "the triggered rates run is not on the Jobs page");
    }

    [Fact]
    public async Task Staff_WhenAPatientSignsIn_ThenTheDashboardIsRefused()
    {
        var page = await stack.NewPageAsync();

        await PortalStack.SignInAsync(page, "/staff", "demo.patient");

        Assert.Equal("You cannot see this page", await page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task EveryStaffPage_WhenCheckedWithAxe_ThenNoWcag22AaViolations()
    {
        var page = await stack.NewPageAsync();
        await PortalStack.SignInAsync(page, "/staff", "demo.analyst");
        await PortalStack.OpenAsync(page, "/staff/flags");
        var flag = await page.Locator("tbody tr th a").First.GetAttributeAsync("href");
        await PortalStack.OpenAsync(page, "/staff/practices");
        var practice = await page.Locator("tbody tr th a").First.GetAttributeAsync("href");

        var problems = new List<string>();
        foreach (var path in new[] { "/", "/staff", "/staff/practices", practice!, "/staff/funnel", "/staff/flags", flag!, "/staff/considerations", "/staff/jobs", "/not-allowed" })
        {
            var response = await PortalStack.OpenAsync(page, path);
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
            problems.AddRange((await Accessibility.ViolationsAsync(page)).Select(v => $"{path}: {v}"));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Funnel_WhenTheDemoHasJustStarted_ThenEnglandsRateAndEveryLimitShowAndOutliersAreLabelled()
    {
        var page = await stack.NewPageAsync();
        await PortalStack.SignInAsync(page, "/staff/funnel", "demo.analyst");

        var text = await page.InnerTextAsync("#main");
        var chart = await page.EvaluateAsync<double[]>("""
            () => {
              const svg = document.querySelector('svg.chart');
              const top = Math.min(...[...svg.querySelectorAll('path.limit998')].flatMap(p => p.getAttribute('d').split(/[ML ]/).filter(Boolean).map(xy => Number(xy.split(',')[1]))));
              return [top, svg.querySelectorAll('circle.point').length, svg.querySelectorAll('circle.point title').length,
                      svg.querySelectorAll('circle.outside').length, svg.querySelectorAll('text.point-label').length];
            }
            """);

        Assert.DoesNotMatch(@"England's rate is 0\.00%", text);
        Assert.Matches(@"England's rate is \d+\.\d\d%", text);
        Assert.True(chart[0] > 16, $"the 99.8% limit reaches {chart[0]}, above the plot's top edge (16)");
        Assert.True(chart[1] > 5, $"{chart[1]} practices plotted");
        Assert.Equal(chart[1], chart[2]);
        Assert.Equal(chart[3], chart[4]);
    }

    [Fact]
    public async Task StaffPages_WhenTheWindowIs320PixelsWide_ThenNothingMakesThePageScrollSideways()
    {
        var page = await stack.NewPageAsync();
        await page.SetViewportSizeAsync(320, 800);
        await PortalStack.SignInAsync(page, "/staff", "demo.analyst");
        var wide = new List<string>();

        foreach (var path in new[] { "/staff", "/staff/practices", "/staff/funnel", "/staff/flags", "/staff/considerations", "/staff/jobs", "/choices" })
        {
            await PortalStack.OpenAsync(page, path);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 320)
            {
                wide.Add($"{path}: {width} px");
            }
        }

        Assert.Empty(wide);
    }

    [Fact]
    public async Task Jobs_WhenThereAreMoreRunsThanAPage_ThenOlderRunsAreOnTheirOwnPages()
    {
        var page = await stack.NewPageAsync(javaScript: false);
        await PortalStack.SignInAsync(page, "/staff/jobs", "demo.analyst");
        var first = await page.Locator("tbody tr").CountAsync();
        var newest = await page.InnerTextAsync("tbody tr th");

        await PortalStack.SubmitAsync(page, "a:has-text('Older runs')");
        var older = await page.InnerTextAsync("tbody tr th");

        Assert.Equal(ConsentPortal.Pages.Staff.JobsModel.PageSize, first);
        Assert.NotEqual(newest, older);
        Assert.Contains("before=", page.Url, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Run \d+ queued")]
    private static partial Regex QueuedPattern();
}
