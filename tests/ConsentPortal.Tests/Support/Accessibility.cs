using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ConsentPortal.Tests.Support;

/// <summary>
/// Runs axe-core (shipped inside the Deque.AxeCore.Playwright package, so the tests need no npm step) in the page and
/// returns every violation of the WCAG 2.0, 2.1 and 2.2 A and AA rules, with the elements involved, so a failure says
/// what to fix.
/// </summary>
public static class Accessibility
{
    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag22AA);
        return [.. result.Violations.Select(v => $"{v.Id}: {v.Help} [{string.Join("; ", v.Nodes.Select(n => n.Target?.ToString()))}]")];
    }
}
