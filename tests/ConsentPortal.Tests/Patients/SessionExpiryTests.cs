using ConsentApi.Persistence;
using ConsentPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenIddict.EntityFrameworkCore.Models;

namespace ConsentPortal.Tests.Patients;

/// <summary>
/// A form sent after the session has ended (the registry refuses to renew it, as after 30 minutes idle or 12 hours)
/// loses nothing: the person is told, signs in again, and is back on the same step with what they entered filled in.
/// One-minute tokens make every request a renewal, so ending the sign-in at the registry ends the session at once.
/// </summary>
public sealed class SessionExpiryTests(ShortTokenPortalStack stack) : IClassFixture<ShortTokenPortalStack>
{
    private const string Form = "#main form:not(.filters) button[type=submit]";

    [Fact]
    public async Task Change_WhenTheSessionEndsBeforeContinueWithoutJavaScript_ThenSigningInAgainReturnsToTheQuestionWithTheAnswerKept()
    {
        var page = await stack.NewPageAsync(javaScript: false);
        await PortalStack.SignInAsync(page, "/choices/research-contact/change", "demo.patient");
        await page.CheckAsync("#research-contact-object");

        await EndSignInsAsync();
        await PortalStack.SubmitAsync(page, Form);
        var ended = new Uri(page.Url).AbsolutePath;
        var told = await page.InnerTextAsync("#main");
        await page.ClickAsync("a:has-text('Sign in again')");
        await PortalStack.SignInHereAsync(page, "demo.patient");
        var back = new Uri(page.Url).AbsolutePath;
        var notice = await page.InnerTextAsync(".kept-answer");
        var objectChecked = await page.IsCheckedAsync("#research-contact-object");
        await PortalStack.SubmitAsync(page, Form); // on to "Check your answer"
        await PortalStack.SubmitAsync(page, Form); // confirmed

        Assert.Equal("/session-ended", ended);
        Assert.Contains("What you entered has been kept", told, StringComparison.Ordinal);
        Assert.Equal("/choices/research-contact/change", back);
        Assert.Contains("filled it in again", notice, StringComparison.Ordinal);
        Assert.True(objectChecked);
        Assert.Contains("Your choice has been saved", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Contains("No, I object", await page.InnerTextAsync(".confirmation"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Change_WhenSomeoneElseSignsInAfterTheSessionEnded_ThenTheAnswerIsNotShownToThem()
    {
        var page = await stack.NewPageAsync(javaScript: false);
        await PortalStack.SignInAsync(page, "/choices/type-1/change", "demo.patient");
        await page.CheckAsync("#type-1-object");

        await EndSignInsAsync();
        await PortalStack.SubmitAsync(page, Form);
        await page.ClickAsync("a:has-text('Sign in again')");
        await PortalStack.SignInHereAsync(page, "demo.patient2");

        Assert.Equal("/choices/type-1/change", new Uri(page.Url).AbsolutePath);
        Assert.Equal(0, await page.Locator(".kept-answer").CountAsync());
        Assert.False(await page.IsCheckedAsync("#type-1-object"));
        Assert.False(await page.IsCheckedAsync("#type-1-allow"));
    }

    [Fact]
    public async Task RunNow_WhenTheSessionEndsBeforeTheAnalystSendsIt_ThenTheJobAndDayAreKeptAndNothingIsQueued()
    {
        var page = await stack.NewPageAsync();
        await PortalStack.SignInAsync(page, "/staff/jobs", "demo.analyst");
        await page.SelectOptionAsync("#job", "detection");
        await page.FillAsync("#day", "2026-11-29");
        var runsBefore = await JobRunsAsync();

        await EndSignInsAsync();
        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");
        var ended = new Uri(page.Url).AbsolutePath;
        var violations = await Accessibility.ViolationsAsync(page); // axe needs the page's JavaScript, which this test has on
        await page.ClickAsync("a:has-text('Sign in again')");
        await PortalStack.SignInHereAsync(page, "demo.analyst");

        Assert.Equal("/session-ended", ended);
        Assert.Empty(violations);
        Assert.Equal("/staff/jobs", new Uri(page.Url).AbsolutePath);
        Assert.Equal("2026-11-29", await page.InputValueAsync("#day"));
        Assert.Equal("detection", await page.InputValueAsync("#job"));
        Assert.Equal(0, await page.Locator("[role=status]:not(.kept-answer)").CountAsync());
        Assert.Equal(runsBefore, await JobRunsAsync());
    }

    [Fact]
    public async Task InvestigationSave_WhenTheSessionEndsWhileTheAnalystWritesANote_ThenTheNoteAndStatusAreKeptAndSaveWorksAfterSigningIn()
    {
        var page = await stack.NewPageAsync(javaScript: false);
        await PortalStack.SignInAsync(page, "/staff/flags?status=open", "demo.analyst");
        await PortalStack.SubmitAsync(page, "tbody tr th a");
        var flag = new Uri(page.Url).AbsolutePath;
        await page.SelectOptionAsync("#status", "investigating");
        await page.FillAsync("#note", "Rang the practice manager: a local newspaper story ran on Tuesday.");

        await EndSignInsAsync();
        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");
        await page.ClickAsync("a:has-text('Sign in again')");
        await PortalStack.SignInHereAsync(page, "demo.analyst");
        var back = new Uri(page.Url).AbsolutePath;
        var note = await page.InputValueAsync("#note");
        var status = await page.InputValueAsync("#status");
        await PortalStack.SubmitAsync(page, "#main form button[type=submit]");

        Assert.Equal(flag, back);
        Assert.Equal("Rang the practice manager: a local newspaper story ran on Tuesday.", note);
        Assert.Equal("investigating", status);
        Assert.Contains("a local newspaper story", await page.InnerTextAsync("ol"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warning_WhenTheSessionIsTwoMinutesFromItsIdleLimit_ThenItSaysSoAndStayingSignedInRenewsIt()
    {
        var page = await stack.NewPageAsync();
        await page.Clock.InstallAsync();
        await PortalStack.SignInAsync(page, "/choices", "demo.patient2");
        var hiddenAtFirst = await page.IsHiddenAsync("#session-warning");
        await ScriptsRunAsync(page);

        await page.Clock.FastForwardAsync("28:30");
        await page.Locator("#session-warning").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        var text = await page.InnerTextAsync("#session-warning");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()");
        var violations = await Accessibility.ViolationsAsync(page);
        var redeemed = await RefreshTokensAsync("redeemed");
        await page.ClickAsync("#session-warning button");
        await page.Locator("#session-warning").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });

        Assert.True(hiddenAtFirst);
        Assert.Contains("You will be signed out soon", text, StringComparison.Ordinal);
        Assert.Contains("if you do nothing", text, StringComparison.Ordinal);
        Assert.Equal("Stay signed in", focused);
        Assert.Empty(violations);
        Assert.True(await RefreshTokensAsync("redeemed") > redeemed, "staying signed in did not renew the sign-in at the registry");
    }

    [Fact]
    public async Task KeepAlive_WhenNobodyIsSignedIn_Then401AndNothingAboutAnySession()
    {
        var page = await stack.NewPageAsync();

        var response = await page.APIRequest.GetAsync("/session/keep-alive");

        Assert.Equal(401, response.Status);
        var body = await response.TextAsync();
        Assert.DoesNotContain("idleEnds", body, StringComparison.Ordinal);
        Assert.DoesNotContain("session-warning", body, StringComparison.Ordinal);
    }

    private async Task<int> JobRunsAsync()
    {
        await using var scope = stack.RegistryServices.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().JobRuns.CountAsync();
    }

    private async Task<int> RefreshTokensAsync(string status)
    {
        await using var scope = stack.RegistryServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.Set<OpenIddictEntityFrameworkCoreToken>().CountAsync(t => t.Status == status && t.Type!.Contains("refresh_token"));
    }

    /// <summary>Ends every sign-in at the registry, as its idle and absolute limits would: no refresh token is valid any more.</summary>
    private async Task EndSignInsAsync()
    {
        await using var scope = stack.RegistryServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await db.Set<OpenIddictEntityFrameworkCoreToken>().Where(t => t.Status == "valid" && t.Type!.Contains("refresh_token"))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, "revoked"));
    }

    /// <summary>
    /// Waits until the page's module script has run (and so armed the warning's timer): the sign-in helper returns once
    /// the page's markup is there, and a clock moved on before the timer is set never fires it. Polled from here, as
    /// the page's own timers and animation frames run on the test's fake clock.
    /// </summary>
    private static async Task ScriptsRunAsync(IPage page)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await page.EvaluateAsync<string>("() => document.readyState") != "complete" && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }
    }
}
