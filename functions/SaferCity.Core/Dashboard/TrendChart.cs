using System.Globalization;
using System.Text;
using SaferCity.Core.History;
using SaferCity.Core.Html;
using SaferCity.Core.Model;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// The trend of RAG counts across snapshots as an inline SVG line chart, drawn on the server so it
/// needs no script and no third-party library. Each series has its own marker shape and line pattern as
/// well as its colour (red and amber are hard to tell apart by colour alone), the legend draws the same
/// line and marker beside each name, and the data table beside it gives the numbers.
/// </summary>
internal static class TrendChart
{
    public static readonly string[] TableColumns = ["Snapshot", "Red (open)", "Amber (open)", "Green (open)", "Complete"];

    private const int Width = 640, Height = 220, Left = 36, Right = 12, Top = 12, Bottom = 34;
    // Few enough that the dates stay apart when a phone shows them larger (site.css) or the reader enlarges text.
    private const int MaxDateLabels = 4;

    // The marker drawn at each point: a circle, a square, a triangle and a diamond (10 by 10, centred on 0,0).
    // Colours as in site.css (the lines take theirs from there; a marker is outside its line's styles, so it carries its own).
    private static readonly (string Key, string Label, string Marker, string Colour, Func<RagCounts, int> Value)[] Series =
    [
        ("complete", "Complete", "M0-5a5 5 0 1 0 .01 0z", "#505a5f", p => p.Complete),
        ("green", "Green: on track", "M-4-4h8v8h-8z", "#00703c", p => p.Green),
        ("amber", "Amber: at risk", "M0-5l5 9h-10z", "#b54c00", p => p.Amber),
        ("red", "Red: off track", "M0-5l5 5-5 5-5-5z", "#d4351c", p => p.Red),
    ];

    public static void Render(HtmlWriter h, IReadOnlyList<TrendDay> trend)
    {
        var max = 1;
        foreach (var (_, p) in trend) max = Math.Max(max, Math.Max(Math.Max(p.Red, p.Amber), Math.Max(p.Green, p.Complete)));
        var step = NiceStep(max);
        var top = (max + step - 1) / step * step;

        h.Open("figure", ("class", "trend__figure")).Line();
        h.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", $"0 0 {Width} {Height}"), ("class", "trend__chart"),
            ("role", "img"), ("aria-labelledby", "trend-title"), ("aria-describedby", "trend-desc")).Line();
        h.Element("title", "RAG ratings over time", ("id", "trend-title"));
        h.Element("desc", Describe(trend, trend[0], trend[^1]), ("id", "trend-desc")).Line();
        Markers(h);
        ValueAxis(h, step, top);
        DateAxis(h, trend);
        Lines(h, trend, top);
        h.Close("svg").Line();
        Legend(h, trend[^1]);
    }

    private static void Markers(HtmlWriter h)
    {
        h.Open("defs");
        foreach (var (key, _, marker, colour, _) in Series)
        {
            // Centred on the point; the default size, 3 stroke widths, is 9 units across.
            h.Open("marker", ("id", "mk-" + key), ("fill", colour), ("viewBox", "-5 -5 10 10"));
            Shape(h, "path", ("d", marker));
            h.Close("marker");
        }
        h.Close("defs").Line();
    }

    // Grid lines as one path; labels grouped so shared attributes are written once.
    private static void ValueAxis(HtmlWriter h, int step, int top)
    {
        var grid = new StringBuilder();
        for (var v = 0; v <= top; v += step) grid.Append('M').Append(N(Left)).Append(' ').Append(Y(v, top)).Append('H').Append(N(Width - Right));
        Shape(h, "path", ("class", "trend__grid"), ("d", grid.ToString()));
        h.Open("g", ("class", "trend__labels"), ("text-anchor", "end"), ("dominant-baseline", "middle"));
        for (var v = 0; v <= top; v += step)
            h.Open("text", ("x", N(Left - 6)), ("y", Y(v, top))).Text(v.ToString(CultureInfo.InvariantCulture)).Close("text");
        h.Close("g").Line();
    }

    private static void DateAxis(HtmlWriter h, IReadOnlyList<TrendDay> trend)
    {
        h.Open("g", ("class", "trend__labels"));
        var every = Math.Max(1, (int)Math.Ceiling(trend.Count / (double)MaxDateLabels));
        for (var i = 0; i < trend.Count; i++)
        {
            if (i % every != 0 && i != trend.Count - 1) continue;
            h.Open("text", ("x", X(i, trend.Count)), ("y", N(Height - 12)), ("text-anchor", Anchor(i, trend.Count)))
                .Text(Wording.ShortDate(trend[i].AsOf)).Close("text");
        }
        h.Close("g").Line();
    }

    // One line per series with its marker at every point (a single snapshot is drawn as a point repeated, so it still has one).
    private static void Lines(HtmlWriter h, IReadOnlyList<TrendDay> trend, int top)
    {
        var points = new StringBuilder(trend.Count * 12);
        foreach (var (key, _, _, _, value) in Series)
        {
            points.Clear();
            for (var i = 0; i < trend.Count; i++)
                points.Append(X(i, trend.Count)).Append(',').Append(Y(value(trend[i].Counts), top)).Append(' ');
            if (trend.Count == 1)
            {
                var single = points.ToString();
                points.Append(single);
            }
            Line(h, key, points.ToString(0, points.Length - 1));
        }
    }

    private static void Legend(HtmlWriter h, TrendDay last)
    {
        h.Open("figcaption").Open("ul", ("class", "trend__legend"));
        foreach (var (key, label, _, _, value) in Series)
        {
            h.Open("li");
            h.Open("svg", ("viewBox", "0 0 48 14"), ("aria-hidden", "true"));
            Line(h, key, "2,7 24,7 46,7", markerMidOnly: true);
            h.Close("svg").Text($"{label} ({value(last.Counts).ToString(CultureInfo.InvariantCulture)} now)").Close("li");
        }
        h.Close("ul").Close("figcaption").Close("figure").Line();
    }

    private static string Describe(IReadOnlyList<TrendDay> trend, TrendDay first, TrendDay last)
    {
        var span = trend.Count == 1
            ? $"One snapshot, {Wording.LongDate(last.AsOf)}"
            : $"{trend.Count} snapshots from {Wording.LongDate(first.AsOf)} to {Wording.LongDate(last.AsOf)}";
        var c = last.Counts;
        return $"{span}. Latest: {c.Red} red, {c.Amber} amber and {c.Green} green open actions; {c.Complete} complete.";
    }

    private static void Line(HtmlWriter h, string key, string points, bool markerMidOnly = false)
    {
        var marker = $"url(#mk-{key})";
        Shape(h, "polyline", ("class", "trend__line--" + key), ("points", points),
            ("marker-start", markerMidOnly ? null : marker), ("marker-mid", marker), ("marker-end", markerMidOnly ? null : marker));
    }

    // Elements inside SVG are foreign content: they are closed explicitly, never left "void".
    private static void Shape(HtmlWriter h, string tag, params ReadOnlySpan<(string Name, string? Value)> attributes) =>
        h.Open(tag, attributes).Close(tag);

    private static int NiceStep(int max)
    {
        foreach (var s in (ReadOnlySpan<int>)[1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000])
            if (max / s <= 5) return s;
        return (int)Math.Pow(10, Math.Ceiling(Math.Log10(max / 5.0)));
    }

    private static string X(int i, int count) =>
        N(count == 1 ? (Left + Width - Right) / 2.0 : Left + 8 + i * (Width - Left - Right - 16) / (double)(count - 1));

    private static string Y(int value, int top) => N(Top + (Height - Top - Bottom) * (1 - value / (double)top));

    private static string Anchor(int i, int count) => count == 1 ? "middle" : i == 0 ? "start" : i == count - 1 ? "end" : "middle";

    private static string N(double v) => Math.Round(v, 1).ToString(CultureInfo.InvariantCulture);
}
