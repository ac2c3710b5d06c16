using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using ConsentPortal.Charts;

namespace ConsentPortal.Tests.Charts;

/// <summary>The funnel plot's drawing, from a small funnel whose answer is known (no browser needed).</summary>
public sealed class FunnelChartTests
{
    [Fact]
    public void Render_WhenOnePracticeIsOutsideTheLimits_ThenOnlyItIsLabelledEveryPointIsTitledAndNoLimitIsCutOff()
    {
        // A practice of 100 people would have a 99.8% limit of 60%; the smallest practice plotted has 2,000, so that
        // limit is not drawn, and the highest drawn (14% at 2,000, above every practice) must still fit under the top of the plot.
        using var funnel = JsonDocument.Parse("""
            {
              "policy": "national-data-opt-out", "weekEnding": "2026-11-29", "target": 0.05, "phi": 1.2,
              "practices": [
                { "ods": "A81001", "name": "Low Street Surgery", "listSize": 2000, "rate": 0.052, "outside998": false },
                { "ods": "A81002", "name": "High Street Surgery", "listSize": 9000, "rate": 0.11, "outside998": true }
              ],
              "limits": [
                { "listSize": 100, "lower95": 0, "upper95": 0.4, "lower998": 0, "upper998": 0.6 },
                { "listSize": 2000, "lower95": 0.03, "upper95": 0.09, "lower998": 0.01, "upper998": 0.14 },
                { "listSize": 9000, "lower95": 0.04, "upper95": 0.06, "lower998": 0.035, "upper998": 0.07 }
              ]
            }
            """);

        var svg = XElement.Parse(FunnelChart.Render(funnel.RootElement)); // inline SVG: HTML gives it its namespace
        var circles = svg.Descendants("circle").ToList();
        var labels = svg.Descendants("text").Where(t => (string?)t.Attribute("class") == "point-label").Select(t => t.Value).ToList();
        var limitTops = svg.Descendants("path").Where(p => (string?)p.Attribute("class") == "limit998")
            .SelectMany(p => ((string)p.Attribute("d")!).Split(['M', 'L', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Select(xy => double.Parse(xy.Split(',')[1], CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(["Low Street Surgery (A81001): 5.20% of 2,000", "High Street Surgery (A81002): 11.00% of 9,000"],
            circles.Select(c => c.Element("title")!.Value).OrderBy(t => t.Contains("High", StringComparison.Ordinal)));
        Assert.Equal(["A81002"], labels);
        Assert.True(limitTops.Min() > Svg.Top, $"the 99.8% limit reaches y={limitTops.Min()}, above the plot's top edge ({Svg.Top})");
        Assert.Equal(4, limitTops.Count); // 2 list sizes drawn for each of the two 99.8% lines: the 100-person one is left out
    }
}
