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
/// Every value from the list passes through <see cref="EmailText"/> first: one line, and long text clipped,
/// so a 200 KB comment makes a short email and nothing in a comment can fake a line of the text part.
/// </summary>
public static class DigestRenderer
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    private const string Font = "font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;";
    private const string Cell = "padding:6px 8px;border-bottom:1px solid #b1b4b6;vertical-align:top;text-align:left;";

    public const string LeadFooter =
        "You get this email because the tracker names your service as a lead. It is sent once a week, only when there is something to review.";

    /// <summary>An email stays readable: past this many actions (or notes) a section lists the most urgent and counts the rest.</summary>
    public const int MaxPerSection = 100;

    public sealed record Section(string Title, IReadOnlyList<Assessment> Items)
    {
        /// <summary>The items to list: all of them, or the most overdue and soonest due when there are too many.</summary>
        public IReadOnlyList<Assessment> Shown { get; } = Items.Count <= MaxPerSection
            ? Items
            : Items.OrderByDescending(a => a.DaysOverdue).ThenBy(a => a.Action.Deadline ?? DateOnly.MaxValue).Take(MaxPerSection).ToList();
    }

    private static string MoreLine(int more) =>
        $"…and {more:N0} more: see the dashboard or its CSV download for every one.";

    public static string WeekLabel(DateOnly asOf)
    {
        var monday = asOf.AddDays(-(((int)asOf.DayOfWeek + 6) % 7));
        return $"week beginning {monday.ToString("d MMMM yyyy", Uk)}";
    }

    /// <summary>"Community Safety Team: 4 actions to review, week beginning 16 January 2017" (one line, whatever the lead is called).</summary>
    public static string Subject(LeadDigest digest, DateOnly asOf) =>
        $"{EmailText.Clip(digest.Lead.Name, EmailText.MaxShortLength, null)}: {Plural(digest.Count, "action")} to review, {WeekLabel(asOf)}";

    /// <param name="links">The update and item links for each listed action; null when digests carry none.</param>
    public static (string Text, string Html) Render(LeadDigest digest, DateOnly asOf, string? sinceIso, string? dashboardUrl,
        Func<Assessment, ActionLinks>? links = null)
    {
        var sections = new[]
        {
            new Section("Overdue", digest.Overdue),
            new Section("Due soon", digest.DueSoon),
            new Section("Drifting", digest.Drifting),
        };
        var name = EmailText.Clip(digest.Lead.Name, EmailText.MaxShortLength, null);
        var intro = $"These actions in the partnership's tracker name {name} as a lead. " +
                    "Please review them and update the tracker (deadline, RAG rating, comments).";
        return (Text(name, asOf, intro, sections, sinceIso, dashboardUrl, LeadFooter, links: links),
                Html(name, asOf, intro, sections, sinceIso, dashboardUrl, LeadFooter, links: links));
    }

    public static string Text(string heading, DateOnly asOf, string intro, IEnumerable<Section> sections, string? sinceIso, string? dashboardUrl,
        string footer, IEnumerable<(string Title, IReadOnlyList<string> Lines)>? notes = null, Func<Assessment, ActionLinks>? links = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine(heading).AppendLine(new string('=', Math.Min(heading.Length, 72))).AppendLine();
        sb.AppendLine($"{char.ToUpperInvariant(WeekLabel(asOf)[0])}{WeekLabel(asOf)[1..]}. Data as of {Long(asOf)}.");
        sb.AppendLine(intro).AppendLine();
        foreach (var section in sections.Where(s => s.Items.Count > 0))
        {
            sb.AppendLine($"{section.Title.ToUpperInvariant()} ({section.Items.Count})");
            var shown = section.Shown;
            foreach (var a in shown)
            {
                sb.AppendLine($"- {Number(a)}: {EmailText.Clip(a.Action.Text)}");
                sb.AppendLine($"  Deadline: {DeadlineText(a)}. RAG: {RagText(a)}.");
                foreach (var d in a.Drift) sb.AppendLine($"  {DriftLine(d, sinceIso)}");
                sb.AppendLine($"  Latest comment: {CommentText(a)}");
                var link = links?.Invoke(a) ?? ActionLinks.None;
                if (link.Update is { } update) sb.AppendLine($"  Update: {update.AbsoluteUri}");
                if (link.Item is { } item) sb.AppendLine($"  In SharePoint: {item.AbsoluteUri}");
            }
            if (shown.Count < section.Items.Count) sb.AppendLine(MoreLine(section.Items.Count - shown.Count));
            sb.AppendLine();
        }
        foreach (var (title, lines) in notes ?? [])
        {
            if (lines.Count == 0) continue;
            sb.AppendLine($"{title.ToUpperInvariant()} ({lines.Count})");
            foreach (var line in lines.Take(MaxPerSection)) sb.AppendLine($"- {EmailText.Clip(line)}");
            if (lines.Count > MaxPerSection) sb.AppendLine(MoreLine(lines.Count - MaxPerSection));
            sb.AppendLine();
        }
        if (dashboardUrl is not null) sb.AppendLine($"Dashboard: {dashboardUrl}");
        sb.AppendLine(footer);
        return sb.ToString();
    }

    public static string Html(string heading, DateOnly asOf, string intro, IEnumerable<Section> sections, string? sinceIso, string? dashboardUrl,
        string footer, IEnumerable<(string Title, IReadOnlyList<string> Lines)>? notes = null, Func<Assessment, ActionLinks>? links = null)
    {
        var h = new HtmlWriter();
        h.Doctype().Open("html", ("lang", "en-GB")).Open("head").Void("meta", ("charset", "utf-8"))
            .Element("title", heading).Close("head").Line();
        h.Open("body", ("style", Font + "margin:0;padding:16px;background:#ffffff;")).Line();
        h.Element("h1", heading, ("style", Font + "font-size:24px;margin:0 0 8px;"), ("dir", "auto"));
        h.Element("p", $"{WeekLabel(asOf)}. Data as of {Long(asOf)}.", ("style", Font + "font-size:16px;margin:0 0 8px;"));
        h.Element("p", intro, ("style", Font + "font-size:16px;margin:0 0 16px;")).Line();
        foreach (var section in sections.Where(s => s.Items.Count > 0))
        {
            h.Element("h2", $"{section.Title} ({section.Items.Count})", ("style", Font + "font-size:19px;margin:24px 0 8px;"));
            // A data table (header cells with scope), laid out with attributes Outlook's Word engine honours.
            h.Open("table", ("cellpadding", "0"), ("cellspacing", "0"), ("border", "0"), ("width", "100%"),
                ("style", Font + "border-collapse:collapse;font-size:14px;"));
            h.Open("tr");
            foreach (var col in new[] { "Action", "Key action", "Deadline", "RAG", "Latest comment" })
                h.Element("th", col, ("scope", "col"), ("style", Cell + "font-weight:bold;"));
            h.Close("tr").Line();
            var shown = section.Shown;
            foreach (var a in shown)
            {
                h.Open("tr");
                h.Element("th", Number(a), ("scope", "row"), ("style", Cell + "font-weight:bold;white-space:nowrap;"));
                h.Open("td", ("style", Cell), ("dir", "auto")).Text(EmailText.Clip(a.Action.Text));
                foreach (var d in a.Drift) h.Element("div", DriftLine(d, sinceIso), ("style", "margin-top:4px;font-weight:bold;"));
                var link = links?.Invoke(a) ?? ActionLinks.None;
                if (link.Update is { } update)
                    h.Open("div", ("style", "margin-top:4px;")).Element("a", $"Update action {Number(a)}", ("href", update.AbsoluteUri), ("style", "color:#1d70b8;")).Close("div");
                if (link.Item is { } item)
                    h.Open("div", ("style", "margin-top:4px;")).Element("a", $"Open {Number(a)} in SharePoint", ("href", item.AbsoluteUri), ("style", "color:#1d70b8;")).Close("div");
                h.Close("td");
                h.Element("td", DeadlineText(a), ("style", Cell));
                h.Element("td", RagText(a), ("style", Cell));
                h.Element("td", CommentText(a), ("style", Cell), ("dir", "auto"));
                h.Close("tr").Line();
            }
            h.Close("table").Line();
            if (shown.Count < section.Items.Count) h.Element("p", MoreLine(section.Items.Count - shown.Count), ("style", Font + "font-size:14px;"));
        }
        foreach (var (title, lines) in notes ?? [])
        {
            if (lines.Count == 0) continue;
            h.Element("h2", $"{title} ({lines.Count})", ("style", Font + "font-size:19px;margin:24px 0 8px;"));
            h.Open("ul", ("style", Font + "font-size:14px;"));
            foreach (var line in lines.Take(MaxPerSection)) h.Element("li", EmailText.Clip(line), ("dir", "auto"));
            if (lines.Count > MaxPerSection) h.Element("li", MoreLine(lines.Count - MaxPerSection));
            h.Close("ul").Line();
        }
        if (dashboardUrl is not null)
        {
            h.Open("p", ("style", Font + "font-size:16px;margin:24px 0 8px;")).Text("See every action on the ")
                .Element("a", "partnership dashboard", ("href", dashboardUrl), ("style", "color:#1d70b8;")).Text(": ")
                .Text(dashboardUrl).Close("p");
        }
        h.Element("p", footer, ("style", Font + "font-size:12px;color:#505a5f;margin:16px 0 0;"));
        h.Close("body").Close("html").Line();
        return h.ToString();
    }

    private static string Number(Assessment a) => EmailText.Clip(a.Action.Number, EmailText.MaxShortLength, null);

    private static string CommentText(Assessment a) =>
        EmailText.Line(a.Action.Comments).Length == 0 ? "No comment" : EmailText.Clip(a.Action.Comments);

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
        return EmailText.Line(DashboardHtml.DriftText(new DriftItem(d.KindName, d.From, d.To)) + since);
    }

    private static string Long(DateOnly d) => d.ToString("d MMMM yyyy", Uk);

    public static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
