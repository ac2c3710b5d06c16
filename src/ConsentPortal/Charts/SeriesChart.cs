using System.Globalization;
using System.Text.Json;

namespace ConsentPortal.Charts;

/// <summary>A practice's weekly new objections as SVG, with the SPC centre line and control limits.</summary>
public static class SeriesChart
{
    public static string Render(JsonElement series)
    {
        var weeks = series.GetProperty("weeks").EnumerateArray().ToList();
        var centre = series.GetProperty("centre").GetDouble();
        var lower = series.GetProperty("lower").GetDouble();
        var upper = series.GetProperty("upper").GetDouble();
        var values = weeks.Select(w => w.GetProperty("newObjections").GetDouble()).ToList();
        var max = Math.Max(1, Math.Max(upper, values.DefaultIfEmpty(0).Max())) * 1.1;
        var svg = new Svg(900, 360, $"Weekly new objections at {series.GetProperty("ods").GetString()}",
            $"{weeks.Count} weeks; average {centre.ToString("0.#", CultureInfo.InvariantCulture)} a week, control limits {lower.ToString("0.#", CultureInfo.InvariantCulture)} to {upper.ToString("0.#", CultureInfo.InvariantCulture)}. The table below gives the same data.");
        double X(double i) => Svg.Left + (weeks.Count <= 1 ? 0 : i / (weeks.Count - 1) * svg.PlotWidth);
        double Y(double v) => Svg.Top + svg.PlotHeight - v / max * svg.PlotHeight;
        var every = Math.Max(1, weeks.Count / 6);
        svg.Axes(Enumerable.Range(0, weeks.Count).Where(i => i % every == 0).Select(i => ((double)i, ShortDay(weeks[i].GetProperty("weekEnding").GetString()!))), X,
            Svg.Ticks(max).Where(t => t <= max).Select(t => (t, t.ToString("0.#", CultureInfo.InvariantCulture))), Y, "Week ending", "New objections");
        foreach (var (value, css) in new[] { (upper, "limit998"), (centre, "centre"), (lower, "limit998") })
        {
            svg.Add($"<line class=\"{css}\" x1=\"{Svg.Left}\" x2=\"{Svg.Left + svg.PlotWidth}\" y1=\"{Svg.N(Y(value))}\" y2=\"{Svg.N(Y(value))}\"/>");
        }

        svg.Add(Svg.Path("line", values.Select((v, i) => (X(i), Y(v)))));
        for (var i = 0; i < values.Count; i++)
        {
            var isOut = values[i] > upper || values[i] < lower;
            svg.Add($"<circle class=\"point{(isOut ? " outside" : "")}\" cx=\"{Svg.N(X(i))}\" cy=\"{Svg.N(Y(values[i]))}\" r=\"3\"/>");
        }

        return svg.ToString();
    }

    /// <summary>"2026-07-05" as "5 Jul", the way a chart's axis names a week.</summary>
    private static string ShortDay(string day) =>
        DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("d MMM", CultureInfo.InvariantCulture) : day;
}
