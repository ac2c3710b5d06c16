using ConsentPortal.Tests.Support;

namespace ConsentPortal.Tests.Patients;

/// <summary>Creating an account: details that do not match are refused without saying which (or why), what was typed stays, and the new account signs in.</summary>
public sealed class CreateAccountTests(PortalStack stack) : IClassFixture<PortalStack>
{
    [Fact]
    public async Task Create_WhenTheDetailsMatchARegisteredPerson_ThenTheAccountSignsInToTheirChoices()
    {
        // A demo person with no account yet, whose date of birth and postcode the demo's registrations hold.
        var (nhsNumber, birthDate, postcode, _) = ConsentApi.Demo.DemoPeople.All.Single(p => p.NhsNumber == 9000000017);
        var page = await stack.NewPageAsync(javaScript: false);
        await PortalStack.OpenAsync(page, "/create-account");

        await page.FillAsync("#displayName", "New Person");
        await page.FillAsync("#nhsNumber", nhsNumber.ToString("D10", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#dateOfBirth-day", "16");
        await page.FillAsync("#dateOfBirth-month", "3");
        await page.FillAsync("#dateOfBirth-year", "1985");
        await page.FillAsync("#postcode", postcode);
        await page.FillAsync("#userName", "new.person");
        await page.FillAsync("#password", "a-long-enough-password");
        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");
        var refused = await page.InnerTextAsync(".nhsuk-error-summary");
        var kept = await page.InputValueAsync("#displayName");
        var born = DateOnly.ParseExact(birthDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.FillAsync("#dateOfBirth-day", born.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#dateOfBirth-month", born.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#dateOfBirth-year", born.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#password", "a-long-enough-password");
        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");
        var created = await page.InnerTextAsync("h1");
        await page.ClickAsync("#main a:has-text('Sign in')"); // on to the registry's sign-in page
        await PortalStack.SignInHereAsync(page, "new.person", "a-long-enough-password");

        Assert.Contains("We could not create an account with these details", refused, StringComparison.Ordinal);
        Assert.Equal("New Person", kept);
        Assert.Equal("Your account has been created", created);
        Assert.EndsWith("/choices", page.Url, StringComparison.Ordinal);
        Assert.Contains("your own choices", await page.InnerTextAsync(".whose"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAccountPage_WhenEmptyAndSubmitted_ThenEveryFieldIsNamedAndThePageHasNoWcag22AaViolations()
    {
        var page = await stack.NewPageAsync();
        await PortalStack.OpenAsync(page, "/create-account");
        var blank = await Accessibility.ViolationsAsync(page);

        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");

        Assert.Empty(blank);
        Assert.Equal(6, await page.Locator(".nhsuk-error-summary li").CountAsync());
        Assert.Equal("There is a problem", (await page.EvaluateAsync<string>("() => document.activeElement.textContent")).Trim().Split('\n')[0].Trim());
        Assert.Empty(await Accessibility.ViolationsAsync(page));
    }

    [Theory]
    [InlineData("943 476 5918", "Enter a valid NHS number")]
    [InlineData("94347659", "Your NHS number must be 10 digits")]
    public async Task Create_WhenTheNhsNumberIsMistyped_ThenThePageSaysSoInPlainWordsAndKeepsWhatWasTyped(string nhsNumber, string expected)
    {
        var page = await stack.NewPageAsync(javaScript: false);
        await PortalStack.OpenAsync(page, "/create-account");

        await page.FillAsync("#nhsNumber", nhsNumber);
        await page.FillAsync("#dateOfBirth-day", "31");
        await page.FillAsync("#dateOfBirth-month", "2");
        await page.FillAsync("#dateOfBirth-year", "1990");
        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");
        var summary = await page.InnerTextAsync(".nhsuk-error-summary");

        Assert.Contains(expected, summary, StringComparison.Ordinal);
        Assert.Contains("Date of birth must be a real date", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("odulus", summary, StringComparison.Ordinal);
        Assert.Equal(nhsNumber, await page.InputValueAsync("#nhsNumber"));
        Assert.Equal("31", await page.InputValueAsync("#dateOfBirth-day"));
    }
}
