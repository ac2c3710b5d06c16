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
        Assert.Contains("There is a problem", await page.InnerTextAsync(".error-summary"));
        Assert.Contains("Choose an outcome", await page.InnerTextAsync(".error-summary"));
        Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        await PortalStack.OpenAsync(page, flagUrl);
        Assert.Contains("investigating by", await page.InnerTextAsync("ol"));
        Assert.Contains("assigned to analyst.one", await page.InnerTextAsync("ol"));
    }

    [Fact]
    public async Task Jobs_WhenRunNowWithoutJavaScript_ThenTheRunIsQueuedAndABadDayIsExplained()
    {
        var page = await stack.NewPageAsync(javaScript: false);
        await PortalStack.SignInAsync(page, "/staff/jobs", "demo.analyst");

        await page.FillAsync("#day", "next tuesday");
        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");
        var error = await page.InnerTextAsync(".error-summary");
        await page.FillAsync("#day", "");
        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");

        Assert.Contains("day must be a date as yyyy-mm-dd (got 'next tuesday')", error, StringComparison.Ordinal);
        Assert.Matches(QueuedPattern(), await page.InnerTextAsync("[role=status]"));
        Assert.Contains("rates", await page.InnerTextAsync("tbody"));
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

    [GeneratedRegex(@"Run \d+ queued")]
    private static partial Regex QueuedPattern();
}
