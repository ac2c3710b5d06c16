using System.Globalization;
using System.Text.Json;

namespace ConsentPortal.Charts;

/// <summary>The funnel plot as SVG: practices' rates against list size, the target line and the 95% and 99.8% limits.</summary>
public static class FunnelChart
{
    public static string Render(JsonElement funnel)
    {
        var practices = funnel.GetProperty("practices").EnumerateArray().ToList();
        var limits = funnel.GetProperty("limits").EnumerateArray().ToList();
        var target = funnel.GetProperty("target").GetDouble() * 100;
        var maxList = Math.Max(1, practices.Count == 0 ? 1 : practices.Max(p => p.GetProperty("listSize").GetDouble()));
        var minList = practices.Count == 0 ? 0 : practices.Min(p => p.GetProperty("listSize").GetDouble());

        // The limits are drawn over the list sizes practices have (they widen without bound towards a list of one), and
        // the rate axis reaches the highest of them, so no limit is cut off at the top.
        var curve = limits.Select(l => (N: l.GetProperty("listSize").GetDouble(), L: l)).Where(l => l.N >= minList * 0.8 && l.N <= maxList).ToList();
        var maxRate = new[] { target * 2, 0.1 }
            .Concat(practices.Select(p => p.GetProperty("rate").GetDouble() * 100))
            .Concat(curve.Select(c => c.L.GetProperty("upper998").GetDouble() * 100))
            .Max() * 1.08;
        var outside = practices.Count(p => p.GetProperty("outside998").GetBoolean());
        var svg = new Svg(720, 440, $"Funnel plot: {funnel.GetProperty("policy").GetString()}, week ending {funnel.GetProperty("weekEnding").GetString()}",
            $"{practices.Count} practices; England's rate {target.ToString("0.00", CultureInfo.InvariantCulture)}%; {outside} outside the 99.8% limits, labelled with their practice codes. The table below gives the same data.");
        double X(double v) => Svg.Left + v / maxList * svg.PlotWidth;
        double Y(double v) => Svg.Top + svg.PlotHeight - Math.Clamp(v, 0, maxRate) / maxRate * svg.PlotHeight;
        svg.Axes(Svg.Ticks(maxList).Where(t => t <= maxList).Select(t => (t, t.ToString("N0", CultureInfo.InvariantCulture))), X,
            Svg.Ticks(maxRate).Where(t => t <= maxRate).Select(t => (t, t.ToString("0.#", CultureInfo.InvariantCulture) + "%")), Y,
            "Registered patients (list size)", "Objection rate");
        foreach (var (name, css) in new[] { ("lower95", "limit95"), ("upper95", "limit95"), ("lower998", "limit998"), ("upper998", "limit998") })
        {
            svg.Add(Svg.Path(css, curve.Select(c => (X(c.N), Y(c.L.GetProperty(name).GetDouble() * 100)))));
        }

        svg.Add($"<line class=\"target\" x1=\"{Svg.Left}\" x2=\"{Svg.Left + svg.PlotWidth}\" y1=\"{Svg.N(Y(target))}\" y2=\"{Svg.N(Y(target))}\"/>");
        foreach (var p in practices.OrderBy(p => p.GetProperty("outside998").GetBoolean()))
        {
            var isOut = p.GetProperty("outside998").GetBoolean();
            var (x, y) = (X(p.GetProperty("listSize").GetDouble()), Y(p.GetProperty("rate").GetDouble() * 100));
            var ods = p.TryGetProperty("ods", out var code) ? code.GetString() ?? "" : "";
            var label = string.Create(CultureInfo.InvariantCulture,
                $"{(p.TryGetProperty("name", out var n) ? n.GetString() : ods)} ({ods}): {p.GetProperty("rate").GetDouble() * 100:0.00}% of {p.GetProperty("listSize").GetDouble():N0}");
            svg.Add($"<circle class=\"point{(isOut ? " outside" : "")}\" cx=\"{Svg.N(x)}\" cy=\"{Svg.N(y)}\" r=\"{(isOut ? 5 : 3)}\"><title>{Svg.E(label)}</title></circle>");
            if (isOut)
            {
                // Left of the point near the right edge, so the code stays inside the plot.
                var left = x > Svg.Left + svg.PlotWidth - 60;
                svg.Add($"<text class=\"point-label\" x=\"{Svg.N(left ? x - 8 : x + 8)}\" y=\"{Svg.N(Math.Max(Svg.Top + 12, y + 4))}\" text-anchor=\"{(left ? "end" : "start")}\">{Svg.E(ods)}</text>");
            }
        }

        return svg.ToString();
    }
}
