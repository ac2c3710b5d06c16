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

    /// <summary>Focuses the element (by keyboard, as Tab would) and returns the contrast ratio of its text on its background.</summary>
    public static async Task<double> FocusedContrastAsync(IPage page, string selector)
    {
        await page.FocusAsync(selector);
        var colours = await page.EvalOnSelectorAsync<string[]>(selector, "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]");
        return Contrast(Rgb(colours[0]), Rgb(colours[1]));
    }

    private static (double R, double G, double B) Rgb(string css)
    {
        var parts = css[(css.IndexOf('(', StringComparison.Ordinal) + 1)..css.IndexOf(')', StringComparison.Ordinal)].Split(',');
        return (double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>WCAG's contrast ratio of two sRGB colours.</summary>
    private static double Contrast((double R, double G, double B) a, (double R, double G, double B) b)
    {
        static double Channel(double c) => c / 255 <= 0.03928 ? c / 255 / 12.92 : Math.Pow((c / 255 + 0.055) / 1.055, 2.4);
        static double Luminance((double R, double G, double B) c) => 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);
        var (light, dark) = (Math.Max(Luminance(a), Luminance(b)), Math.Min(Luminance(a), Luminance(b)));
        return (light + 0.05) / (dark + 0.05);
    }
}
