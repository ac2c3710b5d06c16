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
        var maxRate = Math.Max(target * 2, practices.Count == 0 ? 1 : practices.Max(p => p.GetProperty("rate").GetDouble() * 100)) * 1.05;
        var outside = practices.Count(p => p.GetProperty("outside998").GetBoolean());
        var svg = new Svg(900, 480, $"Funnel plot: {funnel.GetProperty("policy").GetString()}, week ending {funnel.GetProperty("weekEnding").GetString()}",
            $"{practices.Count} practices; target {target.ToString("0.00", CultureInfo.InvariantCulture)}%; {outside} outside the 99.8% limits. The table below gives the same data.");
        double X(double v) => Svg.Left + v / maxList * svg.PlotWidth;
        double Y(double v) => Svg.Top + svg.PlotHeight - Math.Min(v, maxRate) / maxRate * svg.PlotHeight;
        svg.Axes(Svg.Ticks(maxList).Where(t => t <= maxList).Select(t => (t, t.ToString("N0", CultureInfo.InvariantCulture))), X,
            Svg.Ticks(maxRate).Where(t => t <= maxRate).Select(t => (t, t.ToString("0.#", CultureInfo.InvariantCulture) + "%")), Y,
            "Registered patients (list size)", "Objection rate");
        var curve = limits.Select(l => (N: l.GetProperty("listSize").GetDouble(), L: l)).Where(l => l.N <= maxList).ToList();
        foreach (var (name, css) in new[] { ("lower95", "limit95"), ("upper95", "limit95"), ("lower998", "limit998"), ("upper998", "limit998") })
        {
            svg.Add(Svg.Path(css, curve.Select(c => (X(c.N), Y(c.L.GetProperty(name).GetDouble() * 100)))));
        }

        svg.Add($"<line class=\"target\" x1=\"{Svg.Left}\" x2=\"{Svg.Left + svg.PlotWidth}\" y1=\"{Svg.N(Y(target))}\" y2=\"{Svg.N(Y(target))}\"/>");
        foreach (var p in practices)
        {
            var isOut = p.GetProperty("outside998").GetBoolean();
            svg.Add($"<circle class=\"point{(isOut ? " outside" : "")}\" cx=\"{Svg.N(X(p.GetProperty("listSize").GetDouble()))}\" cy=\"{Svg.N(Y(p.GetProperty("rate").GetDouble() * 100))}\" r=\"{(isOut ? 4 : 2.5)}\"/>");
        }

        return svg.ToString();
    }
}
