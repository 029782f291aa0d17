using System.Globalization;
using SaferCity.Core.History;
using SaferCity.Core.Html;
using SaferCity.Core.Model;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// committee.html: the page a coordinator prints for the partnership's committee. The summary figures, then what
/// changed at each refresh (from the same public history as the feed), then the open actions by theme. Capped like the
/// dashboard, so it prints at any size: at most 2,000 changes and the 2,000 most urgent open actions, under 2 MB,
/// with a pointer to actions.csv for the rest.
/// It works without JavaScript (every refresh's changes are listed); <c>committee.js</c> reads <c>?since=yyyy-MM-dd</c>
/// and keeps only the changes after the last committee. Same Content-Security-Policy as the dashboard.
/// </summary>
public static class CommitteePaper
{
    public const string FileName = "committee.html";
    public const string Script = "assets/committee.js";

    /// <summary>At most this many changes are listed, newest first; the page's cap on open actions is <see cref="DashboardHtml.MaxRows"/>.</summary>
    public const int MaxChanges = DashboardHtml.MaxRows;

    /// <summary>A key action or lead cell in the paper is cut here; the CSV keeps every character.</summary>
    public const int CellLength = 300;

    // Size budgets in characters (one byte each in Latin text), so the paper stays under 2 MB however long the texts:
    // the changes stop at the first, the open actions at the second.
    private const int ChangesBudget = 700_000;
    private const int PageBudget = 1_800_000;

    private const string ActionsCsv = "actions.csv";

    public static string Render(PublicDashboard doc, TrackerHistory history, DashboardOptions options,
        IReadOnlyDictionary<string, string> assetVersions)
    {
        var entries = AtomFeed.Entries(history, doc.AsOf);
        var texts = doc.Actions.ToDictionary(a => a.Id, a => a.Text, StringComparer.OrdinalIgnoreCase);
        var h = new HtmlWriter(16 * 1024 + Math.Min(doc.Actions.Count, 2 * DashboardHtml.MaxRows) * 200);
        h.Doctype().Open("html", ("lang", "en-GB")).Line().Open("head").Line();
        h.Void("meta", ("charset", "utf-8")).Line();
        h.Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1")).Line();
        h.Void("meta", ("http-equiv", "Content-Security-Policy"), ("content", DashboardHtml.ContentSecurityPolicy)).Line();
        h.Void("meta", ("name", "referrer"), ("content", "no-referrer")).Line();
        h.Void("meta", ("name", "robots"), ("content", "noindex")).Line();
        h.Element("title", $"{options.Title}: committee paper, {Wording.LongDate(doc.AsOf)}").Line();
        h.Void("link", ("rel", "icon"), ("href", "data:,")).Line();
        h.Void("link", ("rel", "stylesheet"), ("href", Versioned("assets/site.css", assetVersions))).Line();
        h.Void("link", ("rel", "stylesheet"), ("href", Versioned("assets/print.css", assetVersions)), ("media", "print")).Line();
        h.Open("script", ("src", Versioned(Script, assetVersions)), ("defer", "defer")).Close("script").Line();
        h.Close("head").Line();

        h.Open("body").Line();
        h.Open("main", ("id", "main"), ("class", "width-container committee")).Line();
        h.Element("p", options.Title, ("class", "site-header__title"));
        h.Element("h1", "Action plan progress: committee paper");
        h.Open("p", ("class", "lede")).Text("Data as of ");
        DashboardHtml.Time(h, doc.AsOf, Wording.LongDate(doc.AsOf)).Text(".").Close("p").Line();
        h.Open("p", ("class", "no-print")).Text("Print this page, or save it as PDF, for the committee. ")
            .Element("a", "Back to the dashboard", ("href", "index.html")).Close("p").Line();

        Summary(h, doc.Summary);
        Changes(h, entries, texts);
        OpenActions(h, doc);

        h.Close("main").Line().Close("body").Line().Close("html").Line();
        return h.ToString();
    }

    private static void Summary(HtmlWriter h, DashboardSummary s)
    {
        h.Element("h2", "Summary");
        h.Open("ul", ("class", "committee-summary"));
        Item($"{Num(s.Total)} actions in total, {Num(s.Complete)} complete and {Num(s.Open)} open");
        Item($"Of those open: {Num(s.Green)} on track (green), {Num(s.Amber)} at risk (amber), {Num(s.Red)} off track (red)");
        Item($"{Num(s.Overdue)} overdue, {Num(s.DueSoon)} due soon");
        h.Close("ul").Line();

        void Item(string text) => h.Element("li", text);
    }

    /// <summary>
    /// Each refresh whose content changed, newest first; committee.js keeps those after ?since=. At most
    /// <see cref="MaxChanges"/> changes are listed in all: a day past that says how many it leaves out.
    /// </summary>
    private static void Changes(HtmlWriter h, IReadOnlyList<FeedEntry> entries, Dictionary<string, string> texts)
    {
        h.Open("section", ("id", "changes"), ("aria-labelledby", "changes-heading")).Line();
        h.Element("h2", "Changes at each refresh", ("id", "changes-heading"));
        if (entries.Count == 0) h.Element("p", "No changes recorded yet.");
        var listed = 0;
        foreach (var entry in entries)
        {
            h.Open("section", ("class", "committee-day"), ("data-day", Wording.Iso(entry.Day))).Line();
            h.Open("h3").Text("Changes on ");
            DashboardHtml.Time(h, entry.Day, Wording.LongDate(entry.Day)).Close("h3");
            var left = entry.Changes.Count;
            foreach (var (heading, changes) in AtomFeed.Grouped(entry))
            {
                if (listed >= MaxChanges || h.Length >= ChangesBudget) break;
                h.Element("h4", heading).Open("ul");
                foreach (var c in changes)
                {
                    if (listed >= MaxChanges || h.Length >= ChangesBudget) break;
                    h.Open("li").Text($"Action {c.Id}");
                    if (c.Kind != DriftKind.Removed && texts.TryGetValue(c.Id, out var text)) h.Text(": " + DashboardHtml.Clip(text, CellLength));
                    h.Text(AtomFeed.FromTo(c)).Close("li");
                    listed++;
                    left--;
                }
                h.Close("ul").Line();
            }
            if (left > 0)
                h.Element("p", $"{Num(left)} more {(left == 1 ? "change" : "changes")} on this day {(left == 1 ? "is" : "are")} not listed here, " +
                    $"to keep this paper printable. Every action's current state is in {ActionsCsv}, the CSV download on the dashboard.",
                    ("class", "notice"));
            h.Close("section").Line();
        }
        h.Element("p", "No changes since that day.", ("id", "no-changes-since"), ("hidden", "hidden"));
        h.Close("section").Line();
    }

    /// <summary>
    /// Open actions by theme: all of them, or on a large plan the most urgent (as on the dashboard) up to the page's cap.
    /// Each theme a heading (so the tagged PDF has one), its table named by it and wrapped in its own scrolling region,
    /// so a 320 px screen never scrolls the page sideways.
    /// </summary>
    private static void OpenActions(HtmlWriter h, PublicDashboard doc)
    {
        h.Element("h2", "Open actions by theme");
        var urgent = DashboardHtml.MostUrgentOpen(doc, DashboardHtml.MaxRows);
        // Rendered first and written after the notice, which says how many fitted.
        var rows = new HtmlWriter(16 * 1024 + urgent.Count * 500);
        var shown = 0;
        var themeNumber = 0;
        foreach (var (theme, actions) in DashboardHtml.GroupByTheme(doc, urgent.Contains))
        {
            if (h.Length + rows.Length >= PageBudget) break;
            var id = $"theme-{++themeNumber}";
            rows.Element("h3", theme, ("id", id), ("class", "committee-theme"));
            rows.Open("div", ("class", "table-scroll"), ("role", "region"), ("aria-labelledby", id), ("tabindex", "0"));
            rows.Open("table", ("class", "data-table"), ("aria-labelledby", id));
            rows.Open("thead").Open("tr");
            foreach (var col in new[] { "Action", "Key action", "Deadline", "Lead services", "RAG", "Last updated" })
                rows.Element("th", col, ("scope", "col"));
            rows.Close("tr").Close("thead").Open("tbody").Line();
            foreach (var a in actions)
            {
                if (h.Length + rows.Length >= PageBudget) break;
                rows.Open("tr").Element("th", a.Id, ("scope", "row")).Element("td", DashboardHtml.Clip(a.Text, CellLength))
                    .Element("td", a.Deadline is { } d ? Wording.LongDate(d) + (a.Overdue ? " (overdue)" : "") : "None")
                    .Element("td", DashboardHtml.Clip(string.Join(", ", a.Leads), CellLength)).Element("td", Wording.RagWord(a.Rag))
                    .Element("td", LastUpdated(a, doc.StaleAfterDays))
                    .Close("tr").Line();
                shown++;
            }
            rows.Close("tbody").Close("table").Close("div").Line();
        }
        if (shown < doc.Summary.Open)
            h.Element("p", $"This plan has {Num(doc.Summary.Open)} open actions, so this paper lists the {Num(shown)} most urgent " +
                $"(overdue first, then due soon). Every action is in {ActionsCsv}, the CSV download on the dashboard.", ("class", "notice")).Line();
        h.Append(rows);
    }

    private static string LastUpdated(PublicAction a, int staleAfterDays) => a.LastUpdated is not { } day
        ? "Not known"
        : Wording.LongDate(day) + (a.Stale ? $" ({DashboardHtml.StaleLabel(staleAfterDays)})" : "");

    private static string Num(int n) => Wording.Number(n);

    private static string Versioned(string path, IReadOnlyDictionary<string, string> versions) =>
        versions.TryGetValue(path, out var v) ? $"{path}?v={v}" : path;
}
