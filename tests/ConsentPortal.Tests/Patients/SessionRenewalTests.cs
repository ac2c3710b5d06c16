using ConsentApi.Persistence;
using ConsentPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenIddict.EntityFrameworkCore.Models;

namespace ConsentPortal.Tests.Patients;

/// <summary>
/// A person stays signed in while they use the portal, past the life of any one access token: the portal swaps its
/// refresh token as tokens run out, and signing out ends the sign-in at the registry too.
/// </summary>
public sealed class SessionRenewalTests(ShortTokenPortalStack stack) : IClassFixture<ShortTokenPortalStack>
{
    [Fact]
    public async Task Pages_WhenEachNeedsAFreshToken_ThenThePersonStaysSignedInAndSigningOutRevokesTheSignIn()
    {
        var page = await stack.NewPageAsync();
        await PortalStack.SignInAsync(page, "/choices", "demo.patient");
        var pages = new List<string>();
        foreach (var path in new[] { "/choices/history", "/choices/checks", "/choices" })
        {
            await PortalStack.OpenAsync(page, path);
            pages.Add(new Uri(page.Url).AbsolutePath + " " + await page.Locator("h1").InnerTextAsync());
        }

        var redeemed = await RefreshTokensAsync("redeemed");
        await PortalStack.SubmitAsync(page, "form[action='/signout'] button[type=submit]");
        var revoked = await RefreshTokensAsync("revoked");
        await page.GotoAsync("/choices", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator("#username").WaitForAsync();

        Assert.Equal(["/choices/history", "/choices/checks", "/choices"], pages.Select(p => p.Split(' ')[0]));
        Assert.True(redeemed >= 3, $"{redeemed} refresh tokens swapped; pages: {string.Join(" | ", pages)}");
        Assert.True(revoked >= 1, $"{revoked} refresh tokens revoked after signing out");
    }

    [Fact]
    public async Task Change_WhenTheTokensAreRenewedBetweenShowingTheFormAndSendingIt_ThenTheFormIsAccepted()
    {
        var page = await stack.NewPageAsync(javaScript: false);
        await PortalStack.SignInAsync(page, "/choices/type-1/change", "demo.patient2");
        await page.CheckAsync("#type-1-allow");

        await PortalStack.SubmitAsync(page, "#main form:not(.filters) button[type=submit]");

        Assert.Equal("/choices/type-1/check", new Uri(page.Url).AbsolutePath);
        Assert.Contains("Check your answer", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
    }

    private async Task<int> RefreshTokensAsync(string status)
    {
        await using var scope = stack.RegistryServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.Set<OpenIddictEntityFrameworkCoreToken>().CountAsync(t => t.Status == status && t.Type!.Contains("refresh_token"));
    }
}
