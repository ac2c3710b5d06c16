using System.Text.Json;
using ConsentPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ConsentPortal.Tests.Patients;

/// <summary>A patient changes a choice in a real browser: choose, check, confirm; the registry's API shows it at once.</summary>
public sealed class ChoicesTests(PortalStack stack) : IClassFixture<PortalStack>
{
    [Fact]
    public async Task Change_WhenAPatientObjectsToType1ThenAllowsIt_ThenEachIsConfirmedAndTheApiHasBothVersions()
    {
        var page = await stack.NewPageAsync();
        await PortalStack.SignInAsync(page, "/choices", "demo.patient");

        await PortalStack.SubmitAsync(page, "a[href='/choices/type-1/change']");
        await PortalStack.SubmitAsync(page, "#main form:not(.filters) button[type=submit]");
        var error = await page.InnerTextAsync(".nhsuk-error-summary");
        await page.CheckAsync("#type-1-object");
        await PortalStack.SubmitAsync(page, "#main form:not(.filters) button[type=submit]");
        await PortalStack.SubmitAsync(page, "#main form:not(.filters) button[type=submit]");
        var first = await page.InnerTextAsync("[role=status]");
        await PortalStack.OpenAsync(page, "/choices/type-1/change");
        await page.CheckAsync("#type-1-allow");
        await PortalStack.SubmitAsync(page, "#main form:not(.filters) button[type=submit]");
        await PortalStack.SubmitAsync(page, "#main form:not(.filters) button[type=submit]");
        var second = await page.InnerTextAsync("[role=status]");

        Assert.Contains("Select whether your data can be used", error, StringComparison.Ordinal);
        Assert.Matches(@"Consent/[^/]+/_history/1", first);
        Assert.Matches(@"Consent/[^/]+/_history/2", second);
        await PortalStack.OpenAsync(page, "/choices/history");
        var shown = await page.InnerTextAsync("tbody");
        await PortalStack.OpenAsync(page, "/choices/checks?mine=true");
        var checks = await page.InnerTextAsync("tbody");
        var history = await TypeOneHistoryAsync("9434765919");
        Assert.Equal(["inactive", "active"], history.Select(v => v.Status));
        Assert.Equal("deny", history[1].Type);
        Assert.Contains("Choice withdrawn", shown, StringComparison.Ordinal);
        Assert.Contains(shown.Split('\n'), r => r.Contains("You objected\tonline\tYou\t", StringComparison.Ordinal));
        Assert.Contains("Looked up your choices", checks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checks_WhenThePersonHasOpenedTheirOwnPages_ThenTheirOwnLookUpsAreLeftOutUntilAskedFor()
    {
        var page = await stack.NewPageAsync();
        await PortalStack.SignInAsync(page, "/choices", "demo.patient");
        await PortalStack.OpenAsync(page, "/choices/history");
        await stack.RegistryServices.GetRequiredService<ConsentApi.Audit.AuditLog>().FlushAsync(default);

        await PortalStack.OpenAsync(page, "/choices/checks");
        var byOthers = await page.Locator("tbody tr").CountAsync();
        var note = await page.InnerTextAsync("#main");
        var hidden = int.Parse(System.Text.RegularExpressions.Regex.Match(note, @"Your own look-ups \((\d+) in this list\)").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        await PortalStack.SubmitAsync(page, "a[href='/choices/checks?mine=true']");
        var withMine = await page.Locator("tbody tr").CountAsync();
        var rows = await page.InnerTextAsync("tbody");

        Assert.True(hidden >= 2, note);
        Assert.Equal(byOthers + hidden, withMine);
        Assert.Contains("Looked up your choices", rows, StringComparison.Ordinal);
        Assert.Contains("Show only look-ups by others", await page.InnerTextAsync("#main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_WhenPressedTwice_ThenOneChangeIsRecorded()
    {
        var page = await stack.NewPageAsync(javaScript: false);
        await PortalStack.SignInAsync(page, "/choices/direct-care-sharing/change", "demo.patient2");
        await page.CheckAsync("#direct-care-sharing-object");
        await PortalStack.SubmitAsync(page, "#main form:not(.filters) button[type=submit]");
        await PortalStack.WaitForPortalPageAsync(page, IsCheckPage);

        // Confirm, go back to the check page, confirm again. Each step waits for its page before the next, so that
        // "back" is never pressed while the confirmation is still loading (CI: "not attached to an active page").
        await PortalStack.SubmitAsync(page, "#main form:not(.filters) button[type=submit]");
        await Saved(page).WaitForAsync();
        await page.GoBackAsync(new PageGoBackOptions { WaitUntil = WaitUntilState.Commit });
        await PortalStack.WaitForPortalPageAsync(page, IsCheckPage);
        await PortalStack.SubmitAsync(page, "#main form:not(.filters) button[type=submit]");
        await Saved(page).WaitForAsync();

        Assert.Single(await DirectCareVersionsAsync("9434765870"));
    }

    [Fact]
    public async Task Confirm_WhenTheRegistryCannotBeReached_ThenTheAnswerIsKeptAndTryAgainSavesItOnce()
    {
        var page = await stack.NewPageAsync();
        await PortalStack.SignInAsync(page, "/choices/national-data-opt-out/check?choice=allow", "demo.patient2");
        var before = await VersionsAsync("9434765870", NationalDataOptOut);

        stack.Link.Cut();
        try
        {
            await PortalStack.SubmitAsync(page, "#main form:not(.filters) button[type=submit]");
        }
        finally
        {
            stack.Link.Restore();
        }

        var failure = await page.InnerTextAsync("#main");
        var problems = await Accessibility.ViolationsAsync(page);
        var duringOutage = await VersionsAsync("9434765870", NationalDataOptOut);
        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");
        var after = await page.InnerTextAsync("h1");

        Assert.Contains("we could not save that just now", failure, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("quote reference [^\\s]+", failure);
        Assert.Equal(before, duringOutage);
        Assert.Empty(problems);
        Assert.Contains("Your choice has been saved", after, StringComparison.Ordinal);
        var saved = await VersionsAsync("9434765870", NationalDataOptOut);
        Assert.Equal(before.Count + 1, saved.Count);
        Assert.Equal("inactive", saved.MaxBy(v => v.Version).Status);
    }

    [Fact]
    public async Task Focus_WhenTheContinueButtonAndARadioAreFocused_ThenTheTextStaysReadableAndTheRadioHasAYellowRing()
    {
        var page = await stack.NewPageAsync();
        await PortalStack.SignInAsync(page, "/choices/type-1/change", "demo.patient");

        var button = await Accessibility.FocusedContrastAsync(page, "#main form button[type=submit]");
        await page.FocusAsync("input[type=radio]");
        // The design system hides the native radio and draws it on its label: focus thickens the border and adds a yellow halo.
        var ring = await page.EvalOnSelectorAsync<string[]>("input[type=radio]:focus + label",
            "e => [getComputedStyle(e, '::before').borderTopWidth, getComputedStyle(e, '::before').boxShadow]");

        Assert.True(button >= 4.5, $"focused button text contrast {button:0.00}:1");
        Assert.Equal("4px", ring[0]);
        Assert.Contains("rgb(255, 235, 59)", ring[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChoicePages_WhenCheckedWithAxe_ThenNoWcag22AaViolations()
    {
        var page = await stack.NewPageAsync();
        await PortalStack.SignInAsync(page, "/choices", "demo.patient2");
        var problems = new List<string>();
        foreach (var path in new[] { "/choices", "/choices/national-data-opt-out/change", "/choices/national-data-opt-out/check?choice=object", "/choices/history", "/choices/checks", "/choices/not-followed", "/how-your-data-is-used", "/disclosures" })
        {
            var response = await PortalStack.OpenAsync(page, path);
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
            problems.AddRange((await Accessibility.ViolationsAsync(page)).Select(v => $"{path}: {v}"));
        }

        await PortalStack.OpenAsync(page, "/choices/national-data-opt-out/change");
        await PortalStack.SubmitAsync(page, "#main form:not(.filters) button[type=submit]");
        problems.AddRange((await Accessibility.ViolationsAsync(page)).Select(v => $"change with error: {v}"));
        Assert.Empty(problems);
    }

    private const string NationalDataOptOut = "https://consentregistry.example/policy/national-data-opt-out";

    private async Task<List<(string Status, string Type)>> TypeOneHistoryAsync(string nhs) =>
        [.. (await VersionsAsync(nhs, "https://consentregistry.example/policy/type-1")).OrderByDescending(v => v.Version).Select(v => (v.Status, v.Type))];

    private Task<List<(int Version, string Status, string Type)>> DirectCareVersionsAsync(string nhs) =>
        VersionsAsync(nhs, "https://consentregistry.example/policy/direct-care-sharing");

    /// <summary>Every version of the person's Consent under a policy, straight from the registry's database.</summary>
    private async Task<List<(int Version, string Status, string Type)>> VersionsAsync(string nhs, string policyUri)
    {
        await using var scope = stack.RegistryServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsentApi.Persistence.RegistryDbContext>();
        var versions = db.ConsentVersions.Where(v => v.PatientNhsNumber == nhs && v.ResourceJson != null).AsEnumerable()
            .Select(v => (v.VersionId, Json: JsonDocument.Parse(v.ResourceJson!).RootElement))
            .Where(v => v.Json.GetProperty("policy")[0].GetProperty("uri").GetString() == policyUri)
            .Select(v => (v.VersionId, v.Json.GetProperty("status").GetString()!, v.Json.GetProperty("provision").GetProperty("type").GetString()!))
            .ToList();
        return versions;
    }

    private static bool IsCheckPage(string url) => new Uri(url).AbsolutePath.EndsWith("/check", StringComparison.Ordinal);

    private static ILocator Saved(IPage page) => page.Locator("h1", new PageLocatorOptions { HasTextString = "Your choice has been saved" });

    [Fact]
    public async Task NotFollowed_WhenAnOrganisationUsedTheDataDespiteTheObjection_ThenThePageNamesItAndTheLawInWords()
    {
        await using (var scope = stack.RegistryServices.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConsentApi.Persistence.RegistryDbContext>();
            var policy = scope.ServiceProvider.GetRequiredService<ConsentApi.Policies.PolicyCatalogue>().Find("national-data-opt-out")!;
            db.ObjectionConsiderations.Add(ConsentApi.Objections.Consideration.Create(9434765870, null, policy, "X25",
                "http://terminology.hl7.org/CodeSystem/v3-ActReason|PUBHLTH", "overridden", "copi-regulation-3", "Needed to trace contacts of a notifiable disease.",
                new ConsentApi.Audit.AuditActor("client", "ukhsa-system", "X25", "UKHSA system"), "recorded", null, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var page = await stack.NewPageAsync(javaScript: false);
        await PortalStack.SignInAsync(page, "/choices/not-followed", "demo.patient2");
        var text = await page.InnerTextAsync("#main");

        Assert.Contains("Your objection was not followed", text, StringComparison.Ordinal);
        Assert.Contains("UK Health Security Agency (demonstration) (X25)", text, StringComparison.Ordinal);
        Assert.Contains("public health", text, StringComparison.Ordinal);
        Assert.Contains("COPI regulation 3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("contact organisation X25", text, StringComparison.Ordinal);
        Assert.DoesNotContain("v3-ActReason", text, StringComparison.Ordinal);
    }
}

