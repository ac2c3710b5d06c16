using System.Text.Json;
using Microsoft.Playwright;

namespace ConsentPortal.Tests.Support;

/// <summary>
/// Runs axe-core (from npm, installed next to these tests by .ci/run) inside the page and returns every violation of
/// the WCAG 2.0, 2.1 and 2.2 A and AA rules, with the elements involved, so a failure says what to fix.
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> Script = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "node_modules", "axe-core", "axe.min.js");
        var source = Path.Combine(Directory.GetCurrentDirectory(), "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path) ? File.ReadAllText(path)
            : File.Exists(source) ? File.ReadAllText(source)
            : throw new InvalidOperationException("axe-core is missing: run `npm ci` in tests/ConsentPortal.Tests (.ci/run does).");
    });

    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Script.Value });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
              return r.violations.map(v => v.id + ': ' + v.help + ' [' + v.nodes.map(n => n.target.join(' ')).join('; ') + ']');
            }
            """);
        return [.. result.EnumerateArray().Select(v => v.GetString()!)];
    }
}
