using ConsentApi.Persistence;
using ConsentPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentPortal.Tests.Patients;

/// <summary>Creating an account: details that do not match are refused without saying which, what was typed stays, and the new account signs in.</summary>
public sealed class CreateAccountTests(PortalStack stack) : IClassFixture<PortalStack>
{
    [Fact]
    public async Task Create_WhenTheDetailsMatchARegisteredPerson_ThenTheAccountSignsInToTheirChoices()
    {
        await using var scope = stack.RegistryServices.CreateAsyncScope();
        var person = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().PatientRegistrations.AsNoTracking().OrderBy(r => r.Id).FirstAsync();
        var page = await stack.NewPageAsync(javaScript: false);
        await PortalStack.OpenAsync(page, "/create-account");

        await page.FillAsync("#displayName", "New Person");
        await page.FillAsync("#nhsNumber", person.NhsNumber.ToString("D10", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#birthYear", (person.BirthYear + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#practiceOds", person.PracticeOdsCode);
        await page.FillAsync("#userName", "new.person");
        await page.FillAsync("#password", "a-long-enough-password");
        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");
        var refused = await page.InnerTextAsync(".error-summary");
        var kept = await page.InputValueAsync("#displayName");
        await page.FillAsync("#birthYear", person.BirthYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#password", "a-long-enough-password");
        await page.ClickAsync("#main form button[type=submit]"); // on to the registry's sign-in page
        await page.FillAsync("#username", "new.person");
        await page.FillAsync("#password", "a-long-enough-password");
        await page.ClickAsync("button[type=submit]");
        await PortalStack.WaitForPortalPageAsync(page);

        Assert.Contains("do not match a person registered with that GP practice", refused, StringComparison.Ordinal);
        Assert.Equal("New Person", kept);
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
        Assert.Equal(6, await page.Locator(".error-summary li").CountAsync());
        Assert.Empty(await Accessibility.ViolationsAsync(page));
    }
}
