using System.Globalization;
using System.Text;
using SaferCity.Core.Dashboard;
using SaferCity.Core.History;
using SaferCity.Core.Html;
using SaferCity.Core.Model;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Reminders;

/// <summary>
/// Writes a digest as text and as HTML. The HTML is built for mail clients (Outlook included):
/// tables, inline styles, no script, no remote images, and every value encoded by <see cref="HtmlWriter"/>.
/// </summary>
public static class DigestRenderer
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    private const string Font = "font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;";
    private const string Cell = "padding:6px 8px;border-bottom:1px solid #b1b4b6;vertical-align:top;text-align:left;";

    public sealed record Section(string Title, IReadOnlyList<Assessment> Items);

    public static string WeekLabel(DateOnly asOf)
    {
        var monday = asOf.AddDays(-(((int)asOf.DayOfWeek + 6) % 7));
        return $"week beginning {monday.ToString("d MMMM yyyy", Uk)}";
    }

    public static string Subject(LeadDigest digest, DateOnly asOf) =>
        $"{digest.Lead.Name}: {Plural(digest.Count, "action")} to review, {WeekLabel(asOf)}";

    public static (string Text, string Html) Render(LeadDigest digest, DateOnly asOf, string? sinceIso, string? dashboardUrl)
    {
        var sections = new[]
        {
            new Section("Overdue", digest.Overdue),
            new Section("Due soon", digest.DueSoon),
            new Section("Drifting", digest.Drifting),
        };
        var intro = $"These actions in the partnership's tracker name {digest.Lead.Name} as a lead. " +
                    "Please review them and update the tracker (deadline, RAG rating, comments).";
        return (Text(digest.Lead.Name, asOf, intro, sections, sinceIso, dashboardUrl),
                Html(digest.Lead.Name, asOf, intro, sections, sinceIso, dashboardUrl));
    }

    public static string Text(string heading, DateOnly asOf, string intro, IEnumerable<Section> sections, string? sinceIso, string? dashboardUrl,
        IEnumerable<(string Title, IReadOnlyList<string> Lines)>? notes = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine(heading).AppendLine(new string('=', Math.Min(heading.Length, 72))).AppendLine();
        sb.AppendLine($"{char.ToUpperInvariant(WeekLabel(asOf)[0])}{WeekLabel(asOf)[1..]}. Data as of {Long(asOf)}.");
        sb.AppendLine(intro).AppendLine();
        foreach (var section in sections.Where(s => s.Items.Count > 0))
        {
            sb.AppendLine($"{section.Title.ToUpperInvariant()} ({section.Items.Count})");
            foreach (var a in section.Items)
            {
                sb.AppendLine($"- {a.Action.Number}: {a.Action.Text}");
                sb.AppendLine($"  {Facts(a)}");
                foreach (var d in a.Drift) sb.AppendLine($"  {DriftLine(d, sinceIso)}");
                if (a.Action.Comments.Length > 0) sb.AppendLine($"  Latest comment: {a.Action.Comments}");
            }
            sb.AppendLine();
        }
        foreach (var (title, lines) in notes ?? [])
        {
            if (lines.Count == 0) continue;
            sb.AppendLine($"{title.ToUpperInvariant()} ({lines.Count})");
            foreach (var line in lines) sb.AppendLine($"- {line}");
            sb.AppendLine();
        }
        if (dashboardUrl is not null) sb.AppendLine($"Dashboard: {dashboardUrl}");
        sb.AppendLine("You get this email because the tracker names your service as a lead. It is sent once a week, only when there is something to review.");
        return sb.ToString();
    }

    public static string Html(string heading, DateOnly asOf, string intro, IEnumerable<Section> sections, string? sinceIso, string? dashboardUrl,
        IEnumerable<(string Title, IReadOnlyList<string> Lines)>? notes = null)
    {
        var h = new HtmlWriter();
        h.Doctype().Open("html", ("lang", "en-GB")).Open("head").Void("meta", ("charset", "utf-8"))
            .Element("title", heading).Close("head").Line();
        h.Open("body", ("style", Font + "margin:0;padding:16px;background:#ffffff;")).Line();
        h.Element("h1", heading, ("style", Font + "font-size:24px;margin:0 0 8px;"));
        h.Element("p", $"{WeekLabel(asOf)}. Data as of {Long(asOf)}.", ("style", Font + "font-size:16px;margin:0 0 8px;"));
        h.Element("p", intro, ("style", Font + "font-size:16px;margin:0 0 16px;")).Line();
        foreach (var section in sections.Where(s => s.Items.Count > 0))
        {
            h.Element("h2", $"{section.Title} ({section.Items.Count})", ("style", Font + "font-size:19px;margin:24px 0 8px;"));
            h.Open("table", ("role", "presentation"), ("cellpadding", "0"), ("cellspacing", "0"), ("width", "100%"),
                ("style", Font + "border-collapse:collapse;font-size:14px;"));
            h.Open("tr");
            foreach (var col in new[] { "Action", "Key action", "Deadline", "RAG", "Latest comment" })
                h.Element("th", col, ("style", Cell + "font-weight:bold;"));
            h.Close("tr").Line();
            foreach (var a in section.Items)
            {
                h.Open("tr");
                h.Element("td", a.Action.Number, ("style", Cell + "font-weight:bold;white-space:nowrap;"));
                h.Open("td", ("style", Cell)).Text(a.Action.Text);
                foreach (var d in a.Drift) h.Element("div", DriftLine(d, sinceIso), ("style", "margin-top:4px;font-weight:bold;"));
                h.Close("td");
                h.Element("td", DeadlineText(a), ("style", Cell));
                h.Element("td", RagText(a), ("style", Cell));
                h.Element("td", a.Action.Comments.Length == 0 ? "No comment" : a.Action.Comments, ("style", Cell));
                h.Close("tr").Line();
            }
            h.Close("table").Line();
        }
        foreach (var (title, lines) in notes ?? [])
        {
            if (lines.Count == 0) continue;
            h.Element("h2", $"{title} ({lines.Count})", ("style", Font + "font-size:19px;margin:24px 0 8px;"));
            h.Open("ul", ("style", Font + "font-size:14px;"));
            foreach (var line in lines) h.Element("li", line);
            h.Close("ul").Line();
        }
        if (dashboardUrl is not null)
        {
            h.Open("p", ("style", Font + "font-size:16px;margin:24px 0 8px;")).Text("See every action on the ")
                .Element("a", "partnership dashboard", ("href", dashboardUrl), ("style", "color:#1d70b8;")).Text(".").Close("p");
        }
        h.Element("p", "You get this email because the tracker names your service as a lead. It is sent once a week, only when there is something to review.",
            ("style", Font + "font-size:12px;color:#505a5f;margin:16px 0 0;"));
        h.Close("body").Close("html").Line();
        return h.ToString();
    }

    private static string Facts(Assessment a) => $"Deadline: {DeadlineText(a)}. RAG: {RagText(a)}.";

    private static string DeadlineText(Assessment a)
    {
        if (a.Action.Deadline is not { } d) return "not set";
        var text = d.ToString("d MMMM yyyy", Uk);
        if (a.Overdue) return $"{text} ({Plural(a.DaysOverdue, "day")} overdue)";
        return text;
    }

    private static string RagText(Assessment a)
    {
        var word = a.Action.Rag?.ToTitle() ?? "Not rated";
        return a.RagMismatch ? $"{word} (rated on track, but overdue)" : word;
    }

    public static string DriftLine(DriftChange d, string? sinceIso)
    {
        var since = sinceIso is null ? "" : $" since {DashboardHtml.LongDate(sinceIso)}";
        return DashboardHtml.DriftText(new DriftItem(d.KindName, d.From, d.To)) + since;
    }

    private static string Long(DateOnly d) => d.ToString("d MMMM yyyy", Uk);

    public static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
