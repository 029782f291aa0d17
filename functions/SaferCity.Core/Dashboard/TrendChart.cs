using System.Globalization;
using System.Text;
using SaferCity.Core.Html;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// The trend of RAG counts across snapshots as an inline SVG line chart, drawn on the server so it
/// needs no script and no third-party library. Lines differ by dash pattern as well as colour, and
/// the legend and the data table beside it say in words what each line is.
/// </summary>
internal static class TrendChart
{
    public static readonly string[] TableColumns = ["Snapshot", "Red (open)", "Amber (open)", "Green (open)", "Complete"];

    private const int Width = 640, Height = 220, Left = 36, Right = 12, Top = 12, Bottom = 34;
    private const int MaxDateLabels = 6;

    private static readonly (string Key, string Label, Func<TrendPoint, int> Value)[] Series =
    [
        ("complete", "Complete", p => p.Complete),
        ("green", "Green: on track", p => p.Green),
        ("amber", "Amber: at risk", p => p.Amber),
        ("red", "Red: off track", p => p.Red),
    ];

    public static void Render(HtmlWriter h, IReadOnlyList<TrendPoint> trend)
    {
        var max = 1;
        foreach (var p in trend) max = Math.Max(max, Math.Max(Math.Max(p.Red, p.Amber), Math.Max(p.Green, p.Complete)));
        var step = NiceStep(max);
        var top = (max + step - 1) / step * step;
        var first = trend[0];
        var last = trend[^1];

        h.Open("figure", ("class", "trend__figure")).Line();
        h.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", $"0 0 {Width} {Height}"), ("class", "trend__chart"),
            ("role", "img"), ("aria-labelledby", "trend-title trend-desc"), ("focusable", "false")).Line();
        h.Element("title", "RAG ratings over time", ("id", "trend-title"));
        h.Element("desc", Describe(trend, first, last), ("id", "trend-desc")).Line();

        // Grid lines as one path; labels grouped so shared attributes are written once.
        var grid = new StringBuilder();
        for (var v = 0; v <= top; v += step) grid.Append('M').Append(N(Left)).Append(' ').Append(Y(v, top)).Append('H').Append(N(Width - Right));
        Shape(h, "path", ("class", "trend__grid"), ("d", grid.ToString()));
        h.Open("g", ("class", "trend__labels"), ("text-anchor", "end"), ("dominant-baseline", "middle"));
        for (var v = 0; v <= top; v += step)
            h.Open("text", ("x", N(Left - 6)), ("y", Y(v, top))).Text(v.ToString(CultureInfo.InvariantCulture)).Close("text");
        h.Close("g").Line();

        h.Open("g", ("class", "trend__labels"));
        var every = Math.Max(1, (int)Math.Ceiling(trend.Count / (double)MaxDateLabels));
        for (var i = 0; i < trend.Count; i++)
        {
            if (i % every != 0 && i != trend.Count - 1) continue;
            h.Open("text", ("x", X(i, trend.Count)), ("y", N(Height - 12)), ("text-anchor", Anchor(i, trend.Count)))
                .Text(DashboardHtml.ShortDate(trend[i].AsOf)).Close("text");
        }
        h.Close("g").Line();

        var points = new StringBuilder(trend.Count * 12);
        foreach (var (key, _, value) in Series)
        {
            h.Open("g", ("class", $"trend__series trend__series--{key}"));
            points.Clear();
            for (var i = 0; i < trend.Count; i++) points.Append(X(i, trend.Count)).Append(',').Append(Y(value(trend[i]), top)).Append(' ');
            if (trend.Count > 1) Shape(h, "polyline", ("points", points.ToString(0, points.Length - 1)));
            for (var i = 0; i < trend.Count; i++)
                Shape(h, "circle", ("cx", X(i, trend.Count)), ("cy", Y(value(trend[i]), top)), ("r", "4"));
            h.Close("g").Line();
        }
        h.Close("svg").Line();

        h.Open("figcaption").Open("ul", ("class", "trend__legend"));
        foreach (var (key, label, value) in Series)
            h.Element("li", $"{label} ({value(last).ToString(CultureInfo.InvariantCulture)} now)", ("class", $"trend__key trend__key--{key}"));
        h.Close("ul").Close("figcaption").Close("figure").Line();
    }

    private static string Describe(IReadOnlyList<TrendPoint> trend, TrendPoint first, TrendPoint last)
    {
        var span = trend.Count == 1
            ? $"One snapshot, {DashboardHtml.LongDate(last.AsOf)}"
            : $"{trend.Count} snapshots from {DashboardHtml.LongDate(first.AsOf)} to {DashboardHtml.LongDate(last.AsOf)}";
        return $"{span}. Latest: {last.Red} red, {last.Amber} amber and {last.Green} green open actions; {last.Complete} complete.";
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
