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
}
