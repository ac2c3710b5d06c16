using ConsentApi.Persistence;
using ConsentApi.Proxies;
using ConsentPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentPortal.Tests.Patients;

/// <summary>Acting for someone else: the proxy switches person, every page says whose choices these are, and a change is recorded for them.</summary>
public sealed class ProxyTests(PortalStack stack) : IClassFixture<PortalStack>
{
    private const string Proxy = "9434765919";
    private const string Subject = "9000000017";

    [Fact]
    public async Task Switch_WhenAProxyChangesTheChoiceOfThePersonTheyActFor_ThenThePagesSayWhoseAndTheChangeIsTheirs()
    {
        await ApprovedPowerOfAttorneyAsync();
        var page = await stack.NewPageAsync(javaScript: false);
        await PortalStack.SignInAsync(page, "/choices", "demo.patient");
        var before = await page.InnerTextAsync(".whose");

        await page.SelectOptionAsync("#acting-for", Subject);
        await PortalStack.SubmitAsync(page, ".whose button[type=submit]");
        var after = await page.InnerTextAsync(".whose");
        await PortalStack.OpenAsync(page, "/choices/national-data-opt-out/change");
        var onChange = await page.InnerTextAsync(".whose");
        var question = await page.InnerTextAsync("#main form:not(.filters)");
        await page.CheckAsync("#national-data-opt-out-object");
        await PortalStack.SubmitAsync(page, "#main form:not(.filters) button[type=submit]");
        await PortalStack.SubmitAsync(page, "#main form:not(.filters) button[type=submit]");

        Assert.Contains("your own choices", before, StringComparison.Ordinal);
        Assert.Contains("the choices of NHS number 900 000 0017 (you hold power of attorney)", after, StringComparison.Ordinal);
        Assert.Contains("900 000 0017", onChange, StringComparison.Ordinal);
        Assert.Contains("can their data be used?", question, StringComparison.Ordinal);
        Assert.Contains("You are answering for the person you hold power of attorney for (NHS number 900 000 0017)", question, StringComparison.Ordinal);
        var done = await page.InnerTextAsync("#main");
        var doneHeading = await page.InnerTextAsync("h1");
        await PortalStack.OpenAsync(page, "/choices/history");
        var history = await page.InnerTextAsync("h1");
        await PortalStack.OpenAsync(page, "/choices/checks");
        var checks = await page.InnerTextAsync("h1");
        Assert.Contains("Their choice has been saved", doneHeading, StringComparison.Ordinal);
        Assert.Equal("History of choices for the person you hold power of attorney for (NHS number 900 000 0017)", history);
        Assert.Equal("Who has checked the choices of the person you hold power of attorney for (NHS number 900 000 0017)", checks);
        Assert.Contains("The person you hold power of attorney for (NHS number 900 000 0017)", done, StringComparison.Ordinal);
        Assert.Contains("No, I object on their behalf", done, StringComparison.Ordinal);
        await using var scope = stack.RegistryServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.True(await db.ConsentVersions.AnyAsync(v => v.PatientNhsNumber == Subject && v.ResourceJson!.Contains("national-data-opt-out")));
        Assert.False(await db.ConsentVersions.AnyAsync(v => v.PatientNhsNumber == Proxy && v.ResourceJson!.Contains("national-data-opt-out") && v.VersionId > 1));
    }

    [Fact]
    public async Task Choices_WhenAProxyHasSomeoneToActFor_ThenThePageWithTheSwitchHasNoWcag22AaViolations()
    {
        await ApprovedPowerOfAttorneyAsync();
        var page = await stack.NewPageAsync();
        await PortalStack.SignInAsync(page, "/choices", "demo.patient");

        Assert.Equal(2, await page.Locator("#acting-for option").CountAsync());
        Assert.Empty(await Accessibility.ViolationsAsync(page));
    }

    private async Task ApprovedPowerOfAttorneyAsync()
    {
        await using var scope = stack.RegistryServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.ProxyRelationships.Add(new ProxyRelationship
        {
            Id = Guid.NewGuid().ToString(),
            Version = 1,
            ProxyNhsNumber = Proxy,
            SubjectNhsNumber = Subject,
            Kind = ProxyRelationship.PowerOfAttorney,
            Status = ProxyRelationship.Approved,
            StartTicks = DateTime.UtcNow.AddDays(-1).Ticks,
            Evidence = "Lasting power of attorney (test)",
            ChangedBy = "test",
            RecordedTicks = DateTime.UtcNow.Ticks,
        });
        await db.SaveChangesAsync();
    }
}
