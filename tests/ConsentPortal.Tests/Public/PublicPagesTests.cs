using ConsentPortal.Tests.Support;

namespace ConsentPortal.Tests.Public;

/// <summary>The public pages need no sign-in and are written from the registry's own catalogue and register.</summary>
public sealed class PublicPagesTests(PortalStack stack) : IClassFixture<PortalStack>
{
    [Fact]
    public async Task PublicPages_WhenNobodyIsSignedIn_ThenTheChoicesLegalBasesAndDisclosuresShow()
    {
        var page = await stack.NewPageAsync(javaScript: false);

        await PortalStack.OpenAsync(page, "/how-your-data-is-used");
        var about = await page.InnerTextAsync("#main");
        await PortalStack.OpenAsync(page, "/disclosures");
        var register = await page.InnerTextAsync("#main");

        Assert.Contains("National data opt-out", about, StringComparison.Ordinal);
        Assert.Contains("What it does not stop", about, StringComparison.Ordinal);
        Assert.Contains("Court order", about, StringComparison.Ordinal);
        Assert.True(await page.Locator("#main section").CountAsync() >= 1, register);
        Assert.Contains("People's objections", register, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Footer_WhenFollowedFromAnyPage_ThenTheAccessibilityPrivacyCookiesAndContactPagesOpenWithNoWcag22AaViolations()
    {
        var page = await stack.NewPageAsync();
        await PortalStack.OpenAsync(page, "/disclosures");
        var links = await page.Locator("footer a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var problems = new List<string>();
        var headings = new List<string>();

        var help = new HashSet<string> { "/help/accessibility", "/help/privacy", "/help/cookies", "/help/contact" };
        var missing = new List<string>();

        foreach (var path in help)
        {
            var response = await PortalStack.OpenAsync(page, path);
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
            headings.Add(await page.InnerTextAsync("h1"));
            problems.AddRange((await Accessibility.ViolationsAsync(page)).Select(v => $"{path}: {v}"));
            var footer = await page.Locator("footer a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            missing.AddRange(help.Except(footer).Select(l => $"{path} has no footer link to {l}"));
        }

        Assert.Superset(help, links.ToHashSet());
        Assert.Empty(missing);
        Assert.Equal(["Accessibility statement", "Privacy notice", "Cookies on this service", "Contact us"], headings);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Cookies_WhenAPersonHasSignedIn_ThenEveryCookieThePortalSetIsListedOnTheCookiesPage()
    {
        var page = await stack.NewPageAsync(javaScript: false);
        await PortalStack.SignInAsync(page, "/choices", "demo.patient");
        var cookies = await page.Context.CookiesAsync([stack.PortalAddress.ToString()]);

        await PortalStack.OpenAsync(page, "/help/cookies");
        var listed = await page.InnerTextAsync("table");

        // A large cookie is sent in chunks (name, nameC1, nameC2); the antiforgery cookie's name ends in a per-app suffix.
        static string Base(string name) => name.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)
            ? ".AspNetCore.Antiforgery" : System.Text.RegularExpressions.Regex.Replace(name, "C[0-9]+$", "");
        Assert.Contains(cookies, c => c.Name == "consentportal.session");
        // Set only during a sign-in, or after a session ended: not in the browser now, but on the page all the same.
        Assert.Contains(ConsentPortal.Identity.SignInEndpoints.FlowCookie, listed, StringComparison.Ordinal);
        Assert.Contains(ConsentPortal.Identity.ExpiredSession.Cookie, listed, StringComparison.Ordinal);
        Assert.All(cookies, c => Assert.Contains(Base(c.Name), listed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignInPage_WhenOpenedFromThePortal_ThenItUsesTheDesignSystemAndLinksToCreateAccountAndHelp()
    {
        var page = await stack.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };

        await page.GotoAsync("/signin");
        await page.WaitForSelectorAsync("#username");
        var button = await page.EvalOnSelectorAsync<string>("button[type=submit]", "e => getComputedStyle(e).backgroundColor");
        var create = await page.GetAttributeAsync("a:has-text('Create an account')", "href");
        var help = await page.GetAttributeAsync("a:has-text('Get help signing in')", "href");
        var violations = await Accessibility.ViolationsAsync(page);

        Assert.Contains("/auth/login", page.Url, StringComparison.Ordinal);
        Assert.Equal("rgb(0, 127, 59)", button);
        Assert.Equal(new Uri(stack.PortalAddress, "/create-account").ToString(), create);
        Assert.Equal(new Uri(stack.PortalAddress, "/help/contact").ToString(), help);
        Assert.Empty(blocked);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Disclosures_WhenRead_ThenPurposesAndLegalBasesAreInWordsNotCodes()
    {
        var page = await stack.NewPageAsync(javaScript: false);

        await PortalStack.OpenAsync(page, "/disclosures");
        var register = await page.InnerTextAsync("#main");

        Assert.Contains("What for: public health", register, StringComparison.Ordinal);
        Assert.Contains("Communicable disease and risks to public health (COPI regulation 3)", register, StringComparison.Ordinal);
        Assert.DoesNotContain("terminology.hl7.org", register, StringComparison.Ordinal);
        Assert.DoesNotContain("copi-regulation-3", register, StringComparison.Ordinal);
    }
}
