using System.Globalization;
using System.Net;
using System.Text;

namespace ConsentPortal.Charts;

/// <summary>Small helpers for hand-drawn SVG: invariant numbers, escaped text, a plot area with axes and ticks.</summary>
public sealed class Svg(int width, int height, string title, string description)
{
    public const int Left = 64;
    public const int Right = 16;
    public const int Top = 16;
    public const int Bottom = 48;

    private readonly StringBuilder body = new();

    public int PlotWidth => width - Left - Right;
    public int PlotHeight => height - Top - Bottom;

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string E(string text) => WebUtility.HtmlEncode(text);

    public Svg Add(string element)
    {
        body.Append(element);
        return this;
    }

    /// <summary>Axes with labelled ticks; the scales map data to pixels.</summary>
    public Svg Axes(IEnumerable<(double Value, string Label)> xTicks, Func<double, double> x, IEnumerable<(double Value, string Label)> yTicks,
        Func<double, double> y, string xLabel, string yLabel)
    {
        foreach (var (value, label) in yTicks)
        {
            var py = y(value);
            body.Append($"<line class=\"grid\" x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{N(py)}\" y2=\"{N(py)}\"/>")
                .Append($"<text x=\"{Left - 6}\" y=\"{N(py + 4)}\" text-anchor=\"end\">{E(label)}</text>");
        }

        foreach (var (value, label) in xTicks)
        {
            var px = x(value);
            body.Append($"<line class=\"axis\" x1=\"{N(px)}\" x2=\"{N(px)}\" y1=\"{Top + PlotHeight}\" y2=\"{Top + PlotHeight + 5}\"/>")
                .Append($"<text x=\"{N(px)}\" y=\"{Top + PlotHeight + 18}\" text-anchor=\"middle\">{E(label)}</text>");
        }

        body.Append($"<line class=\"axis\" x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{Top + PlotHeight}\" y2=\"{Top + PlotHeight}\"/>")
            .Append($"<line class=\"axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Top + PlotHeight}\"/>")
            .Append($"<text x=\"{Left + PlotWidth / 2}\" y=\"{height - 8}\" text-anchor=\"middle\">{E(xLabel)}</text>")
            .Append($"<text transform=\"translate(14 {Top + PlotHeight / 2}) rotate(-90)\" text-anchor=\"middle\">{E(yLabel)}</text>");
        return this;
    }

    public static string Path(string cssClass, IEnumerable<(double X, double Y)> points) =>
        $"<path class=\"{cssClass}\" d=\"{string.Join(' ', points.Select((p, i) => (i == 0 ? "M" : "L") + N(p.X) + "," + N(p.Y)))}\"/>";

    public override string ToString()
    {
        var id = "chart-" + Guid.NewGuid().ToString("N")[..8];
        return $"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">"
            + $"<title id=\"{id}-t\">{E(title)}</title><desc id=\"{id}-d\">{E(description)}</desc>{body}</svg>";
    }

    /// <summary>About five round tick values from 0 to max.</summary>
    public static IReadOnlyList<double> Ticks(double max)
    {
        if (max <= 0)
        {
            return [0, 1];
        }

        var step = Math.Pow(10, Math.Floor(Math.Log10(max / 5)));
        foreach (var m in (double[])[1, 2, 2.5, 5, 10])
        {
            if (max / (step * m) <= 6)
            {
                step *= m;
                break;
            }
        }

        return [.. Enumerable.Range(0, (int)Math.Ceiling(max / step) + 1).Select(i => i * step)];
    }
}
